// Package workday is the working-day calendar of the People's Republic of
// China: which days are working days under the State Council's yearly holiday
// arrangements (法定节假日 and 调休), and deadline arithmetic with the
// semantics of the PRC Civil Code (arts. 201–203). The rules engine binds its
// add / between / is-working-day / month functions to the methods of
// Calendar.
//
// # Data and how sure it is
//
// Every day is a Workday, a RestDay (an ordinary Saturday or Sunday), a
// Holiday (a day off of a holiday block, named by its festival) or a
// MakeupWorkday (a Saturday or Sunday worked in exchange, 调休上班, named by the
// festival it belongs to). Every day, and every answer, also carries a
// [Certainty]:
//
//	official       the year comes from State Council notices:
//	               2024  国办发明电〔2023〕7号   2023-10-25
//	               2025  国办发明电〔2024〕12号  2024-11-12
//	               2026  国办发明电〔2025〕7号   2025-11-04
//	reported       a named secondary source published the year's arrangement
//	               before this release could check it against the notice:
//	               2027  6tail/lunar-go v1.4.7 HolidayUtil (released 2026-11-06,
//	                     "新增：2027年法定假日"), checked in the tests against the
//	                     law and the 2025 调休 principles
//	provisional    opt-in (WithProvisionalYears): a year without data, 2025–2100,
//	               answered from the holiday law alone
//	weekends_only  opt-in (WithWeekendFallback): Monday–Friday worked, nothing
//	               else known
//
// A Result or Count says the weakest certainty of any day it used: a
// three-month limit from 2026-12-02 ends on 2027-03-02 and is reported.
//
// A date in a year the calendar cannot answer is never guessed: the answer is
// a *NoDataError, matchable with errors.Is(err, ErrNoData), naming the first
// date without data (NoDataError.Year is the year the answer waits for).
//
// # The holiday law and provisional years
//
// 全国年节及纪念日放假办法 (as revised by 国务院令第795号, in force 2025-01-01)
// art. 2 fixes 13 days off for all citizens: 元旦 1 January; 春节 4 days, 农历除夕
// and 正月初一 to 初三; 清明节, the day of the 清明 solar term; 劳动节 1 and 2 May;
// 端午节, 农历五月初五; 中秋节, 农历八月十五; 国庆节 1 to 3 October (the 2013 text
// in force to 2024 had 11: no 除夕, and 劳动节 1 May only). [StatutoryDays] lists
// them for 2024–2100 from an embedded lunar table generated with 6tail/lunar-go
// (internal/lunargen) and checked in the tests against the Hong Kong
// Observatory-derived lunarInfo table and a VSOP87 solar-term computation.
//
// Under [WithProvisionalYears], a year without data answers its statutory
// days as holidays and every other day by its weekday. What can still change
// when the notice appears is exactly the 调休: a Saturday or Sunday may become
// a make-up working day; a weekday next to a holiday may become a day off;
// and a statutory day that falls on a Saturday or Sunday is made up on a
// working day (art. 6) that the law does not name. A provisional deadline is
// therefore most often right, but can move either way. A year before 2025
// (another law) or after the table is still ErrNoData.
//
// Loading data checks it against the law where the table covers the year:
// every statutory day must be a day off once the year's sources are applied
// (ProblemStatutoryDay).
//
// # Adding a year without a new release
//
// When the State Council publishes the next year's notice (usually in
// November), a host reads the notice text, or writes a file in the format
// below, and loads it:
//
//	year, err := workday.ParseNotice(text)     // the notice as published; *NoticeError on bad text
//	years, err := workday.ParseYears(data)     // or JSON; *DataError on bad data
//	cal, err := workday.New(workday.WithYears(year))
//
// Host years are added to the embedded ones and replace an embedded year of
// the same number (an official 2027 replaces the reported one). A year may
// cite more than one notice (amending notices were issued in 2015, 2019 and
// 2020; [ParseAmendment] reads one): its sources are applied in order of
// issue, and a later source overrides earlier ones day by day. The embedded
// file is data/cn.json; it is also the model to copy:
//
//	{
//	  "format": "guantong.workday/v2",
//	  "years": [
//	    {
//	      "year": 2026,
//	      "sources": [
//	        {
//	          "kind": "notice",
//	          "number": "国办发明电〔2025〕7号",
//	          "title": "国务院办公厅关于2026年部分节假日安排的通知",
//	          "date": "2025-11-04",
//	          "url": "optional",
//	          "festivals": [
//	            {"name": "春节", "from": "2026-02-15", "to": "2026-02-23",
//	             "makeup": ["2026-02-14", "2026-02-28"], "note": "optional"}
//	          ]
//	        }
//	      ]
//	    }
//	  ]
//	}
//
// "format" is "guantong.workday/v2" ("guantong.workday/v1", with one
// "notice" and the "festivals" beside it, is still read). A source's "kind"
// is "notice" (number, title and date of issue required, the date in the year
// or the year before) or "reported" (title naming the source, "version" and
// the release date required). Each festival is a block of consecutive days
// off "from".."to", both included and both in the year, at most 31 days, with
// the make-up working days of that festival. Days not listed are ordinary.
// Dates are "YYYY-MM-DD" (CST). Unknown members are rejected. ParseYears (and
// New for WithYears) rejects, as a *DataError naming the year, the field and
// the date: a year outside 1949–2199 or given twice; a missing citation; an
// invalid date; a holiday or make-up day outside its year; a day listed twice
// or both a holiday and a make-up day within one source; a make-up day that is
// not a Saturday or Sunday; sources out of order; a statutory day not off.
//
// # Version
//
// [Calendar.Version] is a content hash of the calendar's data and options.
// Deadlines record it, so that a deadline names the calendar it was counted
// on; loading a changed year changes it.
//
// # Time zone
//
// Every day boundary is taken in China Standard Time, a fixed UTC+8 zone
// returned by Location, which needs no tzdata. Instants in any location are
// first converted: 2026-09-30T20:00:00Z is 2026-10-01 04:00 CST, a holiday.
// Results are in Location().
//
// # Arithmetic
//
// Periods follow the Civil Code: the day on which the period starts is not
// counted (art. 201); a period of months ends on the corresponding day of the
// last month, or that month's last day when it has none (art. 202); a last day
// that falls on a rest day — a Saturday or Sunday that is not a 调休 working
// day, or a statutory holiday — moves to the next working day (art. 203); and
// the period ends at 24:00 of its last day (art. 203). 24:00 is returned as
// 23:59:59.999999999 CST of the last day, so an act at instant x meets a
// deadline d if and only if !x.After(d).
//
// "Within n working days from X" is AddWorkdays(X, n): the end of the n-th
// working day after X's CST date, X's own date not counted whatever its kind
// or hour. For example, an audit's conclusive opinion dated Monday
// 2026-09-28 is to be transferred within 10 working days: the working days are
// 09-29 (1), 09-30 (2), then the National Day holiday 10-01..10-07, then
// 10-08 (3), 10-09 (4), the make-up Saturday 10-10 (5), 10-12 (6) … 10-16 (10),
// so the deadline is 2026-10-16 23:59:59.999999999 CST. WorkdaysBetween counts
// the working days d with date(from) < d <= date(to), so
// WorkdaysBetween(X, AddWorkdays(X, n).Time).N == n.
//
// AddMonths and AddDays are the Civil Code periods of months and days; only
// their last day (and the days it moves over) need data. AddWorkdays,
// WorkdaysBetween and NextWorkday need every day of their span. The working-day
// methods run in constant time from prefix counts built by New, provisional
// years included, and do not allocate.
//
// # Concurrency
//
// A *Calendar is immutable after New and safe for concurrent use by any number
// of goroutines; build it once and share it. Year values returned by
// ParseYears, ParseNotice, EmbeddedYears and Calendar.Years are fresh copies
// owned by the caller. The package has no mutable package-level state and does
// no I/O. Options are functional; a nil Option is ignored.
package workday
