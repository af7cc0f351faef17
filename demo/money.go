package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/parasat-kz/parasat"
)

// MoneyStore is what the demo's gifts need of a store.
type MoneyStore interface {
	parasat.PatronService
	parasat.CampaignService
	parasat.DonationService
	parasat.PledgeService
	parasat.LedgerService
	parasat.GoodsService
}

// Raised2019ByApril25 is the money the Club of patrons and other donors
// gave the capital's organisations from 1 January to 25 April 2019: "more
// than 14 million tenge", as the founding article says (see FIGURES.md).
const Raised2019ByApril25 int64 = 14_235_000_00

// ledgerDemo is the demo's ledger being written, with a model of each fund's
// balance so that spending never exceeds what a fund holds.
type ledgerDemo struct {
	ctx     context.Context
	s       MoneyStore
	rng     *rand.Rand
	ids     map[string]int64
	patrons []parasat.Patron
	cash    map[parasat.Designation]int64
	today   parasat.Date
	queued  []*parasat.Spending
}

// loadMoney records the gifts of 2019 and of the current year, campaigns
// with pledges, spending, goods in stock and gifts to coming events.
func loadMoney(ctx context.Context, s MoneyStore, ids map[string]int64, today parasat.Date) error {
	patrons, err := s.ListPatrons(ctx, parasat.PatronFilter{Visibility: parasat.Visibility{All: true}, Limit: 500})
	if err != nil {
		return fmt.Errorf("demo: patrons: %w", err)
	}
	m := &ledgerDemo{ctx: ctx, s: s, rng: rand.New(rand.NewPCG(2019, 425)), ids: ids, patrons: patrons,
		cash: map[parasat.Designation]int64{}, today: today}
	for _, step := range []func() error{m.year2019, m.zhylu2024, m.currentYear, m.goods, m.eventGifts} {
		if err := step(); err != nil {
			return fmt.Errorf("demo: money: %w", err)
		}
	}
	return nil
}

func date(y int, mo time.Month, d int) parasat.Date {
	return parasat.Date{Time: time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)}
}

func general(id int64) parasat.Designation {
	return parasat.Designation{Kind: parasat.DesignateGeneral, ID: id}
}

// gift is one demo gift before it is recorded.
type gift struct {
	on     parasat.Date
	to     parasat.Designation
	amount int64
}

// amounts are round sums patrons give, in tenge.
var amounts = []int64{50_000, 75_000, 100_000, 100_000, 150_000, 200_000, 200_000, 250_000, 300_000, 500_000, 1_000_000}

// splitInto makes n gifts that add up exactly to total (in tiyn), each a
// round sum, on days from–to.
func (m *ledgerDemo) splitInto(total int64, n int, from, to parasat.Date, funds []parasat.Designation) []gift {
	days := int(to.Sub(from.Time).Hours()/24) + 1
	var out []gift
	var sum, mean int64
	for _, a := range amounts {
		mean += a * 100
	}
	mean /= int64(len(amounts))
	const unit = 10_000_00 // gifts are whole tens of thousands of tenge
	for i := 0; i < n-1; i++ {
		// Scaled so that the gifts average total/n; never so large that
		// the others could not each be at least one unit.
		a := max(unit, amounts[m.rng.IntN(len(amounts))]*100*(total/int64(n))/mean/unit*unit)
		if sum+a > total-int64(n-1-i)*unit {
			a = unit
		}
		out = append(out, gift{on: parasat.Date{Time: from.AddDate(0, 0, m.rng.IntN(days))}, to: funds[m.rng.IntN(len(funds))], amount: a})
		sum += a
	}
	out = append(out, gift{on: to, to: funds[0], amount: total - sum})
	slices.SortStableFunc(out, func(a, b gift) int { return a.on.Compare(b.on.Time) })
	return out
}

// donateAll records gifts in one transaction.
func (m *ledgerDemo) donateAll(gifts []gift) error {
	ds := make([]*parasat.Donation, len(gifts))
	for i, g := range gifts {
		ds[i] = m.donation(g)
	}
	if err := m.s.RecordDonations(m.ctx, ds); err != nil {
		return err
	}
	for _, g := range gifts {
		m.cash[g.to] += g.amount
	}
	return nil
}

// donation picks who gave: mostly patrons, sometimes a person or nobody named.
func (m *ledgerDemo) donation(g gift) *parasat.Donation {
	d := &parasat.Donation{Amount: g.amount, ReceivedOn: g.on, Designation: g.to}
	switch r := m.rng.IntN(10); {
	case r < 7:
		p := m.patrons[m.rng.IntN(len(m.patrons))]
		d.Donor = parasat.Donor{Kind: parasat.DonorPatron, PatronID: &p.ID, Public: p.PublicConsent,
			Language: []parasat.Language{parasat.Kazakh, parasat.Russian}[m.rng.IntN(2)]}
		d.Channel, d.Reference = parasat.ChannelBankTransfer, fmt.Sprintf("ПП № %d", 1000+m.rng.IntN(9000))
		if p.Kind == parasat.PatronPerson && m.rng.IntN(2) == 0 {
			d.Channel, d.Reference = parasat.ChannelKaspi, fmt.Sprintf("KASPI-%09d", m.rng.IntN(1_000_000_000))
		}
	case r < 8:
		pool := []namePool{kazakhNames, russianNames}[m.rng.IntN(2)]
		d.Donor = parasat.Donor{Kind: parasat.DonorPerson, Name: pool.male[m.rng.IntN(len(pool.male))] + " " + pool.surnames[m.rng.IntN(len(pool.surnames))],
			Language: parasat.Russian}
		d.Channel, d.Reference = parasat.ChannelCard, fmt.Sprintf("чек %06d", m.rng.IntN(1_000_000))
	default:
		d.Donor = parasat.Donor{Kind: parasat.DonorAnonymous}
		d.Channel, d.Reference = parasat.ChannelCash, fmt.Sprintf("ҚКО № %d", 100+m.rng.IntN(900))
	}
	return d
}

// spend takes a share of what a fund holds, for a purpose: queued, and
// recorded with the others of the day by spent.
func (m *ledgerDemo) spend(fund parasat.Designation, share int, on parasat.Date, purpose parasat.Purpose, category parasat.Category, memo string) error {
	amount := m.cash[fund] * int64(share) / 100 / 100_000 * 100_000 // whole thousands of tenge
	if amount <= 0 {
		return nil
	}
	m.queued = append(m.queued, &parasat.Spending{Fund: fund, Amount: amount, OccurredOn: on, Purpose: purpose,
		Category: category, Memo: memo})
	m.cash[fund] -= amount
	return nil
}

// spent records the queued spendings in one transaction.
func (m *ledgerDemo) spent() error {
	if len(m.queued) == 0 {
		return nil
	}
	if _, err := m.s.RecordSpendings(m.ctx, m.queued); err != nil {
		return fmt.Errorf("%d spendings: %w", len(m.queued), err)
	}
	m.queued = nil
	return nil
}

// aidCategories are who the demo's aid in money went to.
var aidCategories = []parasat.Category{parasat.CategoryLargeFamily, parasat.CategoryVeteran, parasat.CategoryChildSpecialNeeds,
	parasat.CategoryLowIncome, parasat.CategoryElderlyAlone, parasat.CategoryDisability}

// year2019 is the capital's 2019: gifts to the Club of patrons, the
// Council of Mothers and the associations, spent month by month on aid,
// events and goods, and the "Road to school" campaign in the summer.
func (m *ledgerDemo) year2019() error {
	club, mothers := general(m.ids["patrons"]), general(m.ids["mothers"])
	funds := []parasat.Designation{club, club, club, mothers, general(m.ids["kazakh"]), general(m.ids["russian"]),
		general(m.ids["korean"]), general(m.ids["german"]), general(m.ids["foundation"])}
	spring := m.splitInto(Raised2019ByApril25, 72, date(2019, 1, 3), date(2019, 4, 25), funds)
	rest := m.splitInto(9_180_000_00, 40, date(2019, 4, 26), date(2019, 12, 27), funds)
	if err := m.giveAndSpend(append(spring, rest...), 2019); err != nil {
		return err
	}
	school := &parasat.Campaign{Name: parasat.Names{KK: "Мектепке жол — 2019", RU: "Дорога в школу — 2019", EN: "Road to school 2019"},
		Description: parasat.Names{KK: "Көпбалалы және аз қамтылған отбасылардың балаларына оқу құралдары мен киім",
			RU: "Школьные принадлежности и форма для детей из многодетных и малообеспеченных семей",
			EN: "School supplies and uniforms for children of large and low-income families"},
		OrganisationID: m.ids["mothers"], Partners: []int64{m.ids["youth"], m.ids["patrons"]}, Target: 3_000_000_00,
		StartsOn: date(2019, 7, 1), EndsOn: date(2019, 8, 31)}
	if err := m.s.CreateCampaign(m.ctx, school); err != nil {
		return err
	}
	to := parasat.Designation{Kind: parasat.DesignateCampaign, ID: school.ID}
	if err := m.donateAll(m.splitInto(2_850_000_00, 14, date(2019, 7, 1), date(2019, 8, 20), []parasat.Designation{to})); err != nil {
		return err
	}
	if err := m.spend(to, 70, date(2019, 8, 22), parasat.PurposeGoods, "", "Оқу құралдары жиынтықтары, 120 дана"); err != nil {
		return err
	}
	if err := m.spend(to, 90, date(2019, 8, 28), parasat.PurposeAid, parasat.CategoryLargeFamily, ""); err != nil {
		return err
	}
	return m.spent()
}

// giveAndSpend records gifts in order of their day, a month's gifts in one
// transaction, and at the end of each quarter spends most of what the
// funds hold.
func (m *ledgerDemo) giveAndSpend(gifts []gift, year int) error {
	slices.SortStableFunc(gifts, func(a, b gift) int { return a.on.Compare(b.on.Time) })
	month := time.January
	flush := func(upTo time.Month) error {
		for ; month < upTo; month++ {
			last := date(year, month+1, 1).AddDate(0, 0, -1)
			if !last.Before(m.today.Time) {
				return nil
			}
			if month%3 != 0 {
				continue
			}
			for _, fund := range sortedFunds(m.cash) {
				on := parasat.Date{Time: last}
				switch m.rng.IntN(3) {
				case 0:
					if err := m.spend(fund, 60, on, parasat.PurposeAid, aidCategories[m.rng.IntN(len(aidCategories))], ""); err != nil {
						return err
					}
				case 1:
					if err := m.spend(fund, 40, on, parasat.PurposeEventCosts, "", "Іс-шараны ұйымдастыру: зал, көлік, дастарқан"); err != nil {
						return err
					}
				default:
					if err := m.spend(fund, 50, on, parasat.PurposeGoods, "", "Азық-түлік себеттері"); err != nil {
						return err
					}
				}
			}
			if err := m.spent(); err != nil {
				return err
			}
		}
		return nil
	}
	for len(gifts) > 0 {
		n := 1
		for n < len(gifts) && gifts[n].on.Month() == gifts[0].on.Month() {
			n++
		}
		if err := flush(gifts[0].on.Month()); err != nil {
			return err
		}
		if err := m.donateAll(gifts[:n]); err != nil {
			return err
		}
		gifts = gifts[n:]
	}
	if year < m.today.Year() {
		return flush(time.December + 1)
	}
	return flush(m.today.Month())
}

// sortedFunds lists the funds of the model in a fixed order, so the
// demo is the same every time.
func sortedFunds(cash map[parasat.Designation]int64) []parasat.Designation {
	out := make([]parasat.Designation, 0, len(cash))
	for d := range cash {
		if d.Kind == parasat.DesignateGeneral {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b parasat.Designation) int { return int(a.ID - b.ID) })
	return out
}

// zhylu2024 is the zhylu collected for the victims of the spring floods of
// 2024, given out in full.
func (m *ledgerDemo) zhylu2024() error {
	c := &parasat.Campaign{Name: parasat.Names{KK: "Су тасқынынан зардап шеккендерге жылу — 2024",
		RU: "Жылу для пострадавших от паводков 2024 года", EN: "Zhylu for the flood victims of 2024"},
		Description: parasat.Names{KK: "Көктемгі су тасқынынан үйі зардап шеккен отбасыларға көмек",
			RU: "Помощь семьям, чьи дома пострадали от весеннего паводка", EN: "Help for families whose homes were hit by the spring floods"},
		OrganisationID: m.ids["foundation"], Partners: []int64{m.ids["patrons"], m.ids["youth"]}, Target: 5_000_000_00,
		StartsOn: date(2024, 4, 1), EndsOn: date(2024, 6, 30)}
	if !c.EndsOn.Before(m.today.Time) {
		return nil
	}
	if err := m.s.CreateCampaign(m.ctx, c); err != nil {
		return err
	}
	to := parasat.Designation{Kind: parasat.DesignateCampaign, ID: c.ID}
	if err := m.donateAll(m.splitInto(5_420_000_00, 18, date(2024, 4, 2), date(2024, 5, 31), []parasat.Designation{to})); err != nil {
		return err
	}
	if err := m.spend(to, 100, date(2024, 6, 10), parasat.PurposeAid, parasat.CategoryDisasterVictim, ""); err != nil {
		return err
	}
	return m.spent()
}

// currentYear is this year's gifts so far, and the "Ready for school"
// campaign with its pledges: some paid, some overdue, some still to come.
func (m *ledgerDemo) currentYear() error {
	y := m.today.Year()
	jan := date(y, 1, 2)
	if m.today.Before(jan.Time) {
		return nil
	}
	club := general(m.ids["patrons"])
	funds := []parasat.Designation{club, club, general(m.ids["mothers"]), general(m.ids["uzbek"]), general(m.ids["tatar"]),
		general(m.ids["foundation"])}
	days := int(m.today.Sub(jan.Time).Hours()/24) + 1
	if err := m.giveAndSpend(m.splitInto(int64(days)*3_000_000+10_000_000, min(40, 4+days/5), jan, m.today, funds), y); err != nil {
		return err
	}
	starts := parasat.Date{Time: m.today.AddDate(0, 0, -75)}
	if starts.Year() < y {
		starts = jan
	}
	c := &parasat.Campaign{Name: parasat.Names{KK: "Мектепке дайындық — " + strconv.Itoa(y), RU: "Готовы к школе — " + strconv.Itoa(y),
		EN: "Ready for school " + strconv.Itoa(y)},
		Description: parasat.Names{KK: "Мектеп формасы, сөмке мен оқу құралдары көпбалалы отбасылардың балаларына",
			RU: "Школьная форма, рюкзак и принадлежности для детей из многодетных семей",
			EN: "A uniform, a school bag and supplies for children of large families"},
		OrganisationID: m.ids["patrons"], Partners: []int64{m.ids["mothers"], m.ids["youth"]}, Target: 6_000_000_00,
		StartsOn: starts, EndsOn: parasat.Date{Time: m.today.AddDate(0, 0, 60)}}
	if err := m.s.CreateCampaign(m.ctx, c); err != nil {
		return err
	}
	return m.pledges(c, starts)
}

// pledges are the campaign's promises and the gifts that fulfilled them.
func (m *ledgerDemo) pledges(c *parasat.Campaign, starts parasat.Date) error {
	to := parasat.Designation{Kind: parasat.DesignateCampaign, ID: c.ID}
	var companies []parasat.Patron
	for _, p := range m.patrons {
		if p.Kind == parasat.PatronCompany && p.Region == parasat.CapitalCode {
			companies = append(companies, p)
		}
	}
	soon, past := parasat.Date{Time: m.today.AddDate(0, 0, 30)}, parasat.Date{Time: m.today.AddDate(0, 0, -10)}
	plans := []parasat.Pledge{
		{Schedule: parasat.PledgeMonthly, Amount: 200_000_00, Months: 6, StartsOn: &starts},
		{Schedule: parasat.PledgeOnce, Amount: 1_000_000_00, DueOn: &past},
		{Schedule: parasat.PledgeByDate, Amount: 1_500_000_00, DueOn: &soon},
		{Schedule: parasat.PledgeMonthly, Amount: 100_000_00, Months: 4, StartsOn: &starts},
		{Schedule: parasat.PledgeOnce, Amount: 500_000_00, DueOn: &past},
	}
	var paidGifts []*parasat.Donation
	for i, pl := range plans {
		p := companies[i%len(companies)]
		pl.PatronID, pl.CampaignID = p.ID, c.ID
		if err := m.s.CreatePledge(m.ctx, &pl); err != nil {
			return err
		}
		// The first two give what is due (the first in part), the others not yet.
		paid := []int64{pl.DueBy(m.today) / 2, pl.DueBy(m.today), 700_000_00, 0, 0}[i]
		if paid <= 0 {
			continue
		}
		d := &parasat.Donation{Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &p.ID, Public: p.PublicConsent,
			Language: parasat.Kazakh}, Amount: paid, ReceivedOn: m.today, Channel: parasat.ChannelBankTransfer,
			Reference: fmt.Sprintf("ПП № %d", 5000+i), Designation: to, PledgeID: &pl.ID}
		paidGifts = append(paidGifts, d)
	}
	if err := m.s.RecordDonations(m.ctx, paidGifts); err != nil {
		return err
	}
	return m.donateAll(m.splitInto(850_000_00, 8, starts, m.today, []parasat.Designation{to}))
}

// goods are gifts of goods in the stock of the Council of Mothers and the
// Club of patrons, part of them given out.
func (m *ledgerDemo) goods() error {
	on := parasat.Date{Time: m.today.AddDate(0, 0, -20)}
	p := m.patrons[0]
	gifts := []parasat.GoodsGift{
		{OrganisationID: m.ids["mothers"], Donor: parasat.Donor{Kind: parasat.DonorPatron, PatronID: &p.ID, Public: p.PublicConsent},
			ReceivedOn: on, ValuedBy: "Бухгалтер Г. Әбенова", Method: parasat.ValuedByDocuments,
			Lines: []parasat.GoodsLine{{Name: "Азық-түлік себеті", Unit: parasat.UnitPack, Quantity: 120, Value: 1_800_000_00},
				{Name: "Оқу құралдары жиынтығы", Unit: parasat.UnitSet, Quantity: 60, Value: 720_000_00}}},
		{OrganisationID: m.ids["patrons"], Donor: parasat.Donor{Kind: parasat.DonorAnonymous}, ReceivedOn: on,
			ValuedBy: "Бағалау комиссиясы", Method: parasat.ValuedByMarketPrice,
			Lines: []parasat.GoodsLine{{Name: "Көмір", Unit: parasat.UnitTonne, Quantity: 12, Value: 360_000_00},
				{Name: "Қысқы күрте", Unit: parasat.UnitPiece, Quantity: 40, Value: 800_000_00}}},
	}
	for i := range gifts {
		if err := m.s.RecordGoodsGift(m.ctx, &gifts[i]); err != nil {
			return err
		}
	}
	later := parasat.Date{Time: m.today.AddDate(0, 0, -5)}
	for _, out := range []parasat.StockIssue{
		{ItemID: gifts[0].Lines[0].ItemID, Kind: parasat.MoveIssue, Quantity: 75, OccurredOn: later, Memo: "Көпбалалы отбасыларға"},
		{ItemID: gifts[0].Lines[1].ItemID, Kind: parasat.MoveIssue, Quantity: 60, OccurredOn: later, Memo: "Мектепке дайындық"},
		{ItemID: gifts[1].Lines[0].ItemID, Kind: parasat.MoveIssue, Quantity: 8, OccurredOn: later, Memo: "Жалғыз тұратын қарттарға"},
		{ItemID: gifts[1].Lines[1].ItemID, Kind: parasat.MoveAdjustment, Quantity: -1, OccurredOn: later, Memo: "Санақта біреуі бүлінген"},
	} {
		if _, err := m.s.RecordStockIssue(m.ctx, &out); err != nil {
			return err
		}
	}
	return nil
}
