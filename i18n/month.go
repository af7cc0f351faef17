package i18n

import "time"

// MonthInDate returns the name of month m as Date writes it after the
// day: the nominative in Kazakh and English ("наурыз", "March"), the
// genitive in Russian ("марта").
func (l *Localizer) MonthInDate(m time.Month) string { return months[l.lang][m-1] }
