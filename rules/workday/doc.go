// Package workday is the working-day calendar of the People's Republic of
// China: which days are working days under the State Council's yearly holiday
// arrangements (法定节假日 and 调休), and deadline arithmetic with the
// semantics of the PRC Civil Code (arts. 201–203). The rules engine binds its
// add / between / is-working-day / month functions directly to the methods of
// Calendar.
//
// # Data
//
// Every day is a Workday, a RestDay (an ordinary Saturday or Sunday), a
// Holiday (a day off of a statutory holiday block, named by its festival) or a
// MakeupWorkday (a Saturday or Sunday worked in exchange, 调休上班, named by the
// festival it belongs to). The package embeds the official arrangements, each
// citing its notice:
//
//	2024  国办发明电〔2023〕7号   2023-10-25
//	2025  国办发明电〔2024〕12号  2024-11-12
//	2026  国办发明电〔2025〕7号   2025-11-04
//
// A date in any other year is never guessed: the answer is a *NoDataError,
// matchable with errors.Is(err, ErrNoData), naming the first date without data.
// With the opt-in WithWeekendFallback such dates are answered weekends-only and
// every result that used one says Fallback=true.
//
// # Adding a year without a new release
//
// When the State Council publishes the next year's notice (usually in
// November), a host writes a file in the format below and loads it:
//
//	years, err := workday.ParseYears(data) // validated; *DataError on bad data
//	cal, err := workday.New(workday.WithYears(years...))
//
// Host years are added to the embedded ones and replace an embedded year of
// the same number. The embedded file is data/cn.json; it is also the model to
// copy:
//
//	{
//	  "format": "guantong.workday/v1",
//	  "years": [
//	    {
//	      "year": 2026,
//	      "notice": {
//	        "number": "国办发明电〔2025〕7号",
//	        "title": "国务院办公厅关于2026年部分节假日安排的通知",
//	        "date": "2025-11-04",
//	        "url": "optional"
//	      },
//	      "festivals": [
//	        {"name": "春节", "from": "2026-02-15", "to": "2026-02-23",
//	         "makeup": ["2026-02-14", "2026-02-28"], "note": "optional"}
//	      ]
//	    }
//	  ]
//	}
//
// "format" must be "guantong.workday/v1". Each year lists its notice (number,
// title and date of issue are required; the date lies in the year or the year
// before) and its holiday blocks: the consecutive days off "from".."to", both
// included and both in the year, at most 31 days, and the make-up working days
// of that festival. Days not listed are ordinary. Dates are "YYYY-MM-DD" (CST).
// Unknown members are rejected. ParseYears (and New for WithYears) rejects, as
// a *DataError naming the year, the field and the date: a year outside
// 1949–2199 or given twice; a missing citation; an invalid date; a holiday or
// make-up day outside its year; a day listed twice; a day both a holiday and a
// make-up day; a make-up day that is not a Saturday or Sunday. (A make-up day
// in the neighbouring year, which some notices before 2013 had, cannot be
// expressed; no notice since has needed one.)
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
// methods run in constant time from prefix counts built by New, and do not
// allocate.
//
// # Concurrency
//
// A *Calendar is immutable after New and safe for concurrent use by any number
// of goroutines; build it once and share it. Year values returned by
// ParseYears, EmbeddedYears and Calendar.Years are fresh copies owned by the
// caller. The package has no mutable package-level state and does no I/O.
package workday
