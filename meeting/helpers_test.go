package meeting_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules/workday"
)

var ctx = context.Background()

// at returns an instant in China Standard Time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, workday.Location())
}

// endOf returns the end of a CST civil day (how deadlines end).
func endOf(y int, m time.Month, d int) time.Time {
	return workday.Date{Year: y, Month: m, Day: d}.End()
}

func id(s string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceURL, []byte(s)) }

func agency(name string, kind clue.AgencyKind, level clue.Level) clue.Agency {
	return clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)), Kind: kind, Name: name, Level: level}
}

func actor(a clue.Agency) clue.Actor { return clue.Actor{Agency: a.ID, Person: "联络员"} }

func attend(as ...clue.Agency) []meeting.Attendee {
	out := make([]meeting.Attendee, len(as))
	for i, a := range as {
		out[i] = meeting.Attendee{Agency: a}
	}
	return out
}

// calendar is the official data only (2024–2026): the tests of what the
// package does beyond the calendar's years use 2027 as such a year.
func calendar(t testing.TB) *workday.Calendar {
	t.Helper()
	cal, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	return cal
}

func fallbackCalendar(t testing.TB) *workday.Calendar {
	t.Helper()
	cal, err := workday.New(workday.WithWeekendFallback(), workday.WithoutReportedYears())
	require.NoError(t, err)
	return cal
}

// Seed 000 (铁锋): the district commission leads a quarterly joint meeting;
// audit, finance and statistics attend.
var (
	tfCW    = agency("铁锋区纪委监委", clue.KindDisciplineCommission, clue.LevelCounty)
	tfAudit = agency("铁锋区审计局", clue.KindAudit, clue.LevelCounty)
	tfFin   = agency("铁锋区财政局", clue.KindFinance, clue.LevelCounty)
	tfStat  = agency("铁锋区统计局", clue.KindStatistics, clue.LevelCounty)
)

func tiefeng() meeting.Mechanism {
	return meeting.Mechanism{
		ID: id("tiefeng"), Name: "铁锋区监督贯通协调联席会议", Kind: meeting.KindJointMeeting,
		Level: clue.LevelCounty, Region: "黑龙江省齐齐哈尔市铁锋区",
		Lead: tfCW, Members: []clue.Agency{tfAudit, tfFin, tfStat},
		Required: []uuid.UUID{tfCW.ID, tfAudit.ID, tfFin.ID, tfStat.ID},
		Cadences: []meeting.Cadence{{Unit: meeting.UnitQuarter, Note: "每季度召开"}},
		Topics:   []string{"跨领域监督难题", "线索移送、证据调取、成果运用"},
	}
}

// Seed 002 (成都): the commission's liaison office convenes SASAC and the SOE
// discipline work committee every half year; 1–2 joint inspection topics a year.
var (
	cdOffice = agency("成都市纪委监委联系室", clue.KindSupervisionOffice, clue.LevelMunicipal)
	cdSASAC  = agency("成都市国资委", clue.KindSOEOwner, clue.LevelMunicipal)
	cdWork   = agency("成都市国资国企纪检监察工委", clue.KindDisciplineCommission, clue.LevelMunicipal)
	cdCW     = agency("成都市纪委监委", clue.KindDisciplineCommission, clue.LevelMunicipal)
	cdSOE    = agency("成都某市属国企", clue.KindLineDepartment, clue.LevelEnterprise)
)

func chengdu() meeting.Mechanism {
	return meeting.Mechanism{
		ID: id("chengdu"), Name: "成都市纪检监察监督与出资人监督联席会议", Kind: meeting.KindJointMeeting,
		Level: clue.LevelMunicipal, Region: "四川省成都市",
		Lead: cdOffice, Members: []clue.Agency{cdSASAC, cdWork, cdCW},
		Required: []uuid.UUID{cdOffice.ID, cdSASAC.ID, cdWork.ID},
		Cadences: []meeting.Cadence{{Unit: meeting.UnitHalfYear, Note: "每半年召开1次"}},
		Targets:  []meeting.Target{{Name: "联合检查专题", Decision: meeting.DecisionJointInspection, Unit: meeting.UnitYear, Min: 1, Max: 2}},
		Basis:    "《成都市纪检监察监督与出资人监督贯通协同工作办法（试行）》",
	}
}

// Seed 003 (郑州): a task force analyses the problem ledger monthly and
// supervises quarterly (月分析研判、季督查督办).
var (
	zzOffice = agency("郑州市纪委监委党风政风监督室", clue.KindSupervisionOffice, clue.LevelMunicipal)
	zzGroup  = agency("驻市城市管理局纪检监察组", clue.KindStationedGroup, clue.LevelMunicipal)
	zzCity   = agency("郑州市城市管理局", clue.KindLineDepartment, clue.LevelMunicipal)
)

func zhengzhou() meeting.Mechanism {
	return meeting.Mechanism{
		ID: id("zhengzhou"), Name: "停车收费管理问题治理工作专班", Kind: meeting.KindTaskForce,
		Level: clue.LevelMunicipal, Lead: zzOffice, Members: []clue.Agency{zzGroup, zzCity},
		Required: []uuid.UUID{zzOffice.ID, zzGroup.ID},
		Cadences: []meeting.Cadence{
			{Purpose: "analysis", Unit: meeting.UnitMonth, Note: "月分析研判"},
			{Purpose: "supervision", Unit: meeting.UnitQuarter, Note: "季督查督办"},
		},
	}
}

// hold records a meeting of mech with no decisions about clues.
func hold(t testing.TB, mech meeting.Mechanism, name string, heldAt time.Time, purposes []string, as ...clue.Agency) meeting.Meeting {
	t.Helper()
	m, _, err := meeting.Hold(ctx, id(name), &mech, meeting.Command{
		Actor: actor(mech.Lead), At: heldAt.Add(2 * time.Hour),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: heldAt, Convener: mech.Lead.ID,
			Purposes: purposes, Attendees: attend(as...), Minutes: name},
	}, meeting.Env{})
	require.NoError(t, err)
	return *m
}
