package workday_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// An audit organ's conclusive opinion is dated Monday 2026-09-28; the clue is
// to be transferred within 10 working days. The count skips the National Day
// holiday (10-01..10-07) and includes the make-up Saturday 10-10.
func ExampleCalendar_AddWorkdays() {
	cal, err := workday.New()
	if err != nil {
		panic(err)
	}
	opinion := time.Date(2026, 9, 28, 16, 30, 0, 0, workday.Location())
	due, err := cal.AddWorkdays(opinion, 10)
	if err != nil {
		panic(err)
	}
	fmt.Println("transfer due:", due.Time)

	// An act meets the deadline iff it is not after it.
	sent := time.Date(2026, 10, 16, 15, 0, 0, 0, time.UTC) // 23:00 CST
	fmt.Println("sent in time:", !sent.After(due.Time))
	// Output:
	// transfer due: 2026-10-16 23:59:59.999999999 +0800 CST
	// sent in time: true
}

func ExampleCalendar_WorkdaysBetween() {
	cal, _ := workday.New()
	received := time.Date(2026, 9, 30, 10, 0, 0, 0, workday.Location())
	answered := time.Date(2026, 10, 12, 10, 0, 0, 0, workday.Location())
	n, _ := cal.WorkdaysBetween(received, answered)
	fmt.Println(n.N, "working days") // 10-08, 10-09, 10-10 (make-up), 10-12
	// Output: 4 working days
}

// Civil Code art. 202: a month period from January 31 ends on the last day of
// February; in 2026 that is Saturday 02-28, a make-up working day, so it does
// not move. From 2026-01-15 the last day 02-15 falls in the Spring Festival
// holiday and moves to 02-24.
func ExampleCalendar_AddMonths() {
	cal, _ := workday.New()
	for _, start := range []string{"2026-01-31", "2026-01-15"} {
		t, _ := time.ParseInLocation(time.DateOnly, start, workday.Location())
		end, _ := cal.AddMonths(t, 1)
		fmt.Println(start, "+ 1 month →", workday.DateOf(end.Time))
	}
	// Output:
	// 2026-01-31 + 1 month → 2026-02-28
	// 2026-01-15 + 1 month → 2026-02-24
}

func ExampleCalendar_Day() {
	cal, _ := workday.New()
	// 20:00 UTC on September 30 is already October 1 in Beijing.
	day, _ := cal.Day(time.Date(2026, 9, 30, 20, 0, 0, 0, time.UTC))
	fmt.Println(day.Date, day.Kind, day.Festival)
	day, _ = cal.Day(time.Date(2026, 10, 10, 9, 0, 0, 0, workday.Location()))
	fmt.Println(day.Date, day.Kind, day.Festival)
	// Output:
	// 2026-10-01 holiday 国庆节
	// 2026-10-10 makeup_workday 国庆节
}

// A date in a year without data is an error, never a guess, unless the host
// opts in: WithProvisionalYears answers from the holiday law (the statutory
// days are known; 调休 is not), WithWeekendFallback from the weekdays alone.
// Every result says how sure it is.
func ExampleWithProvisionalYears() {
	eve := time.Date(2028, 1, 25, 9, 0, 0, 0, workday.Location()) // 除夕 2028

	strict, _ := workday.New()
	_, err := strict.IsWorkday(eve)
	fmt.Println(errors.Is(err, workday.ErrNoData))

	law, _ := workday.New(workday.WithProvisionalYears())
	day, _ := law.Day(eve)
	fmt.Println(day.Date, day.Kind, day.Festival, day.Certainty)

	weekends, _ := workday.New(workday.WithWeekendFallback())
	day, _ = weekends.Day(eve)
	fmt.Println(day.Date, day.Kind, day.Certainty)

	// 2027 is reported data (6tail/lunar-go v1.4.7, before the notice could
	// be checked): a three-month limit from today reaches into it.
	due, _ := strict.AddMonths(time.Date(2026, 12, 2, 10, 0, 0, 0, workday.Location()), 3)
	fmt.Println(workday.DateOf(due.Time), due.Certainty)
	// Output:
	// true
	// 2028-01-25 holiday 春节 provisional
	// 2028-01-25 workday weekends_only
	// 2027-03-02 reported
}

// A host loads a year from its own JSON file, here the 2026 notice.
func ExampleParseYears() {
	data := []byte(`{
	  "format": "guantong.workday/v2",
	  "years": [{
	    "year": 2026,
	    "sources": [{
	      "kind": "notice", "number": "国办发明电〔2025〕7号",
	      "title": "国务院办公厅关于2026年部分节假日安排的通知", "date": "2025-11-04",
	      "festivals": [
	        {"name": "元旦", "from": "2026-01-01", "to": "2026-01-03", "makeup": ["2026-01-04"]},
	        {"name": "春节", "from": "2026-02-15", "to": "2026-02-23", "makeup": ["2026-02-14", "2026-02-28"]},
	        {"name": "清明节", "from": "2026-04-04", "to": "2026-04-06"},
	        {"name": "劳动节", "from": "2026-05-01", "to": "2026-05-05", "makeup": ["2026-05-09"]},
	        {"name": "端午节", "from": "2026-06-19", "to": "2026-06-21"},
	        {"name": "中秋节", "from": "2026-09-25", "to": "2026-09-27"},
	        {"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07", "makeup": ["2026-09-20", "2026-10-10"]}
	      ]
	    }]
	  }]
	}`)
	years, err := workday.ParseYears(data)
	if err != nil {
		panic(err)
	}
	cal, err := workday.New(workday.WithoutEmbeddedData(), workday.WithYears(years...))
	if err != nil {
		panic(err)
	}
	next, _ := cal.NextWorkday(time.Date(2026, 9, 30, 18, 0, 0, 0, workday.Location()))
	fmt.Println(next.Time, next.Certainty, cal.Years()[0].Notices())
	// Output: 2026-10-08 00:00:00 +0800 CST official [国办发明电〔2025〕7号]
}
