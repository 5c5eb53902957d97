package workday

import (
	"fmt"
	"time"
)

// Festival names as the holiday law writes them.
const (
	FestivalNewYear     = "元旦"
	FestivalSpring      = "春节"
	FestivalQingming    = "清明节"
	FestivalLabour      = "劳动节"
	FestivalDragonBoat  = "端午节"
	FestivalMidAutumn   = "中秋节"
	FestivalNationalDay = "国庆节"
)

// Citations of the holiday law (全国年节及纪念日放假办法), art. 2: the days off
// for all citizens.
const (
	// Law2024 is the text in force from 2025-01-01: 13 days, 春节 4 days
	// (农历除夕、正月初一至初三), 劳动节 2 days (5月1日、2日).
	Law2024 = "全国年节及纪念日放假办法（2024年11月10日国务院令第795号修订，2025年1月1日起施行）第二条"
	// Law2013 is the text in force from 2014-01-01 to 2024-12-31: 11 days,
	// 春节 3 days (农历正月初一、初二、初三), 劳动节 1 day (5月1日).
	Law2013 = "全国年节及纪念日放假办法（2013年12月11日国务院令第644号修订，2014年1月1日起施行）第二条"
)

// StatutoryDay is a day off for all citizens fixed by the holiday law: it is a
// day off in every arrangement of its year, whatever the notice; only the days
// around it (调休) and, when it falls on a weekend, the working day made up
// for it (补假, art. 6) are the notice's to fix.
type StatutoryDay struct {
	Date     Date
	Festival string // FestivalNewYear … FestivalNationalDay
	Law      string // Law2024 or Law2013
}

// StatutoryYears returns the years StatutoryDays can answer: those of the
// embedded lunar table, 2024–2100.
func StatutoryYears() (first, last int) { return lunarFirst, lunarFirst + len(lunarTable) - 1 }

// StatutoryDays returns the statutory days off of year under the holiday law
// in force that year (Law2013 until 2024, Law2024 from 2025), in date order:
// 元旦 1 January; 春节 (除夕 from 2025) and 正月初一 to 初三; 清明节 on the day of
// the 清明 solar term; 劳动节 1 May (and 2 May from 2025); 端午节 on 五月初五;
// 中秋节 on 八月十五; 国庆节 1–3 October. The lunar dates and the solar term
// come from the embedded table (2024–2100, generated with 6tail/lunar-go and
// checked in the tests against the Hong Kong Observatory-derived lunarInfo
// table and a VSOP87 solar-term computation), dated in China Standard Time.
// A year outside the table is a *RangeError (ErrOutOfRange): the law is not
// guessed.
func StatutoryDays(year int) ([]StatutoryDay, error) {
	first, last := StatutoryYears()
	if year < first || year > last {
		return nil, &RangeError{Op: "StatutoryDays", Arg: "year",
			Reason: fmt.Sprintf("%d is outside the lunar table (%d–%d)", year, first, last)}
	}
	row := lunarTable[year-first]
	md := func(v uint16) Date { return Date{Year: year, Month: time.Month(v / 100), Day: int(v % 100)} }
	chuxi, qingming, duanwu, zhongqiu := md(row[0]), md(row[1]), md(row[2]), md(row[3])
	law := Law2024
	if year < 2025 {
		law = Law2013
	}
	var out []StatutoryDay
	add := func(d Date, f string) { out = append(out, StatutoryDay{Date: d, Festival: f, Law: law}) }
	add(Date{year, time.January, 1}, FestivalNewYear)
	if law == Law2024 {
		add(chuxi, FestivalSpring)
	}
	for i := 1; i <= 3; i++ {
		add(chuxi.AddDays(i), FestivalSpring)
	}
	add(qingming, FestivalQingming)
	add(Date{year, time.May, 1}, FestivalLabour)
	if law == Law2024 {
		add(Date{year, time.May, 2}, FestivalLabour)
	}
	add(duanwu, FestivalDragonBoat)
	add(zhongqiu, FestivalMidAutumn)
	for i := 1; i <= 3; i++ {
		add(Date{year, time.October, i}, FestivalNationalDay)
	}
	// 中秋 can fall on 1–3 October (2028: 10-03): one day, two festivals.
	for i := 0; i < len(out); i++ {
		for j := i + 1; j < len(out); j++ {
			if out[j].Date.Before(out[i].Date) {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out, nil
}
