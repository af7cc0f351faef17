// Package e2e holds Parasat's end-to-end tests: a real `parasat serve --demo`
// driven in headless Chromium through internal/browsertest, as the people
// who use it would, in Kazakh, Russian and English.
//
//   - TestEveryPageIsAccessibleInEveryLanguage runs axe-core on every page a
//     person can see, in each language, and checks that the Kazakh and
//     Russian pages show no untranslated English words.
//   - TestAdminJourney adds an organisation in Kazakh, mistakes included, and
//     finds it in the list and in the audit log.
//   - TestPhoneAndDesktopScreenshots takes the screenshots of the README and
//     checks that no page scrolls sideways on a phone.
//   - TestResultsShowTheYearsFiguresAsTheFrontPageAndTheAPI finds the same
//     events and people helped of the year on the front page, on /results
//     and in the report API.
//
// The tests are skipped without Chromium and axe-core (see
// browsertest.Require), and fail without them in CI. With
// PARASAT_UPDATE_SCREENSHOTS=1 the screenshots are written to
// docs/screenshots:
//
//	PARASAT_UPDATE_SCREENSHOTS=1 go test ./e2e -run Screenshots
package e2e
