package workday

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of the notice reader. A real notice is a few kilobytes with seven
// numbered paragraphs of two or three sentences each.
const (
	maxNoticeBytes  = 1 << 20 // larger input is a *NoticeError
	maxTitleLines   = 5       // the title is at most this many lines
	maxNameRunes    = 40      // a festival's name, in characters
	maxLabelRunes   = 20      // NoticeError.Paragraph of a paragraph without "："
	maxParagraphDay = 64      // dates written in one paragraph
)

// NoticeError reports notice text that cannot be read, or that contradicts
// itself, the calendar or the holiday law. It matches ErrInvalidData
// (errors.Is) and, when the arrangement read fails validation, the
// *DataError (errors.As).
type NoticeError struct {
	// Paragraph is the numbered paragraph as written up to its "：", e.g.
	// "二、春节" (a paragraph without "：", or an unnumbered one an amendment
	// was read from, is named by its first 20 characters and "…"); or
	// "title", "number", "date" for the heading and the signature; or "body"
	// for the paragraphs as a whole (none numbered, nothing read as an
	// arrangement, a statutory festival missing); or "" for the text as a
	// whole (too large, not UTF-8).
	Paragraph string
	Line      int // 1-based line in the text; 0 when the text is too large
	Reason    string
	Err       error // the *DataError when validation failed; nil otherwise
}

// Error implements error.
func (e *NoticeError) Error() string {
	var b strings.Builder
	b.WriteString("workday: notice")
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Paragraph != "" {
		b.WriteString(": ")
		b.WriteString(e.Paragraph)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns ErrInvalidData and, if validation failed, the *DataError.
func (e *NoticeError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalidData, e.Err}
	}
	return []error{ErrInvalidData}
}

// ParseNotice reads the text of a State Council notice on a year's holiday
// arrangement (国务院办公厅关于YYYY年部分节假日安排的通知) as published and
// returns the Year it fixes: one Source of kind SourceNotice with Number (the
// 文号 under the title, e.g. 国办发明电〔2025〕7号, its brackets and digits
// normalised), Title (the title lines joined without line breaks, e.g.
// 国务院办公厅关于2026年部分节假日安排的通知), Date (the date under the
// signature, e.g. 2025年11月4日), no URL, and one Festival per numbered
// paragraph ("二、春节：…"): Name = the text between "、" and "：" (e.g. 春节,
// 国庆节、中秋节; blanks removed, "，" and "," written "、"), From/To = the days off, Makeup = the days "上班", Note = the
// paragraph body after "：", verbatim. The year comes from the title.
//
// The text is read line by line: the title (the first lines, up to one
// ending in 通知), the 文号 on the next line (its year must be that of the
// date), the date on the last line (a bracketed line such as
// "（此件公开发布）" after it is skipped), and in between the paragraphs, one
// a line. Unnumbered paragraphs (salutation, preamble, closing, signature)
// are ignored; every numbered paragraph must be a festival paragraph
// "X、名称：…", numbered 一, 二, 三 … in order. Its dates are written
// "M月D日", "D日" after 至 or 、, or "YYYY年M月D日" (in the year of the
// notice), each optionally followed by a bracketed note whose weekday (周X,
// 星期X) must be the date's; a lunar note (农历…) is kept in Note only. A
// clause that starts with a date, a range "…至…" or a list "…、…", says what
// the days are: 放假, 调休 or 补休 (days off), 上班 (make-up working days, each
// a Saturday or Sunday) or 起…上班 (work resumes: on the day after the days
// off, or after the weekend that follows them). A date elsewhere in a clause, outside
// brackets, cannot be read and is an error. "共N天" or "放假N天" must count the
// days off named before it in the sentence. The days off of a paragraph must
// form one block; two blocks separated only by weekend days are joined
// (2015: "6月20日放假，6月22日（星期一）补休" is 06-20..06-22). Full-width and
// ASCII punctuation, blank lines, indentation, Windows line endings and a
// byte order mark are accepted.
//
// The result is validated as ParseYears validates (including the holiday-law
// check). Any problem is a *NoticeError naming the paragraph and line; when
// validation failed its Err is the *DataError. Input larger than 1 MiB or not
// UTF-8 is rejected. ParseNotice never panics and runs in time linear in the
// size of the text.
func ParseNotice(text []byte) (Year, error) {
	doc, err := readNoticeDoc(text)
	if err != nil {
		return Year{}, err
	}
	if doc.year == 0 {
		return Year{}, &NoticeError{Paragraph: "title", Line: doc.titleLine,
			Reason: "the title names no year (国务院办公厅关于YYYY年部分节假日安排的通知)"}
	}
	if err := doc.checkYear(doc.year); err != nil {
		return Year{}, err
	}
	ctx := &arrangeCtx{year: doc.year}
	var paras []noticePara
	expect := 1
	for _, ln := range doc.body {
		num, rest, ok := paragraphNumber(ln.text)
		if !ok {
			continue
		}
		label := paragraphLabel(ln.text, rest)
		if num != expect {
			return Year{}, &NoticeError{Paragraph: label, Line: ln.no,
				Reason: fmt.Sprintf("paragraph numbered %d where %d was expected", num, expect)}
		}
		expect++
		c := indexColon(rest)
		if c < 0 {
			return Year{}, &NoticeError{Paragraph: label, Line: ln.no,
				Reason: `no "：" after the festival's name (a numbered paragraph reads "X、名称：…")`}
		}
		name := festivalName(rest[:c])
		if name == "" || utf8.RuneCountInString(name) > maxNameRunes {
			return Year{}, &NoticeError{Paragraph: label, Line: ln.no,
				Reason: `no festival name before "："`}
		}
		body := trimText(rest[c+colonLen(rest[c:]):])
		a, reason := ctx.parse(body)
		if reason != "" {
			return Year{}, &NoticeError{Paragraph: label, Line: ln.no, Reason: reason}
		}
		paras = append(paras, noticePara{label: label, line: ln.no,
			f: Festival{Name: name, From: a.from, To: a.to, Makeup: a.makeup, Note: body}})
	}
	if len(paras) == 0 {
		return Year{}, &NoticeError{Paragraph: "body", Line: doc.bodyLine(),
			Reason: `no numbered paragraph ("一、元旦：…")`}
	}
	y := Year{Year: doc.year, Sources: []Source{doc.source(paras)}}
	if err := validateNoticeYear(&y, ""); err != nil {
		return Year{}, doc.validationError(err, 0, y.Year, paras)
	}
	return y, nil
}

// ParseAmendment reads the text of a notice amending a year's arrangement
// (e.g. 国办发明电〔2019〕3号 on 劳动节 2019, 国办发明电〔2020〕1号 extending the
// 2020 春节, 国发明电〔2015〕1号 adding days off for the 70th anniversary of the
// victory) and returns base with one more Source appended, validated: a
// later source overrides earlier ones day by day. base must be the year the
// amendment names (the year in its title or, when the title has none, of the
// first date written "YYYY年M月D日" in its text); if base itself is invalid the
// error is its *DataError.
//
// The heading, the signature and the dates are read as by ParseNotice. The
// arrangement is read from the numbered paragraphs that are festival
// paragraphs ("一、劳动节：5月1日…") or start with a date
// ("一、2019年5月1日至4日放假调休…") or an extension
// ("一、延长2020年春节假期至2月2日…"); other numbered paragraphs
// ("二、各地区、各部门要…") are ignored. When no numbered paragraph gives an
// arrangement, it is read from the unnumbered paragraphs that have a clause
// starting with a date. One Festival per such paragraph: named as in the
// paragraph, else by the extension, else by the title (关于调整2019年劳动节假期
// 安排的通知 → 劳动节); Note is its text after the number and "：", verbatim.
// An extension "延长X假期至D" gives days off from the day after the last day
// off of base's festival X to D.
func ParseAmendment(base Year, text []byte) (Year, error) {
	doc, err := readNoticeDoc(text)
	if err != nil {
		return Year{}, err
	}
	b := cloneYear(base)
	if err := validateNoticeYear(&b, "base"); err != nil {
		return Year{}, err
	}
	year := doc.year
	if year == 0 {
		year = firstFullDateYear(doc.body)
	}
	if year == 0 {
		return Year{}, &NoticeError{Paragraph: "title", Line: doc.titleLine,
			Reason: "the notice names no year (neither its title nor a date written YYYY年M月D日)"}
	}
	if err := doc.checkYear(year); err != nil {
		return Year{}, err
	}
	if year != b.Year {
		return Year{}, &NoticeError{Paragraph: "title", Line: doc.titleLine,
			Reason: fmt.Sprintf("the notice amends %d, the base year is %d", year, b.Year)}
	}
	ctx := &arrangeCtx{year: year, base: b.dayKinds()}
	titleName := amendedFestival(doc.title)

	type candidate struct {
		line        noticeLine
		label, name string
		body        string
	}
	var cands []candidate
	expect := 1
	for _, ln := range doc.body {
		num, rest, ok := paragraphNumber(ln.text)
		if !ok {
			continue
		}
		label := paragraphLabel(ln.text, rest)
		if num != expect {
			return Year{}, &NoticeError{Paragraph: label, Line: ln.no,
				Reason: fmt.Sprintf("paragraph numbered %d where %d was expected", num, expect)}
		}
		expect++
		if c := indexColon(rest); c >= 0 {
			name := festivalName(rest[:c])
			body := trimText(rest[c+colonLen(rest[c:]):])
			if name != "" && utf8.RuneCountInString(name) <= maxNameRunes &&
				!strings.ContainsAny(rest[:c], "，。,;；") && firstClauseArranges(body) {
				cands = append(cands, candidate{ln, label, name, body})
				continue
			}
		}
		if firstClauseArranges(rest) {
			cands = append(cands, candidate{ln, label, "", rest})
		}
	}
	if len(cands) == 0 {
		for _, ln := range doc.body {
			if _, _, numbered := paragraphNumber(ln.text); !numbered && someClauseArranges(ln.text) {
				cands = append(cands, candidate{ln, shortLabel(ln.text), "", ln.text})
			}
		}
	}
	if len(cands) == 0 {
		return Year{}, &NoticeError{Paragraph: "body", Line: doc.bodyLine(),
			Reason: "no paragraph gives days off or make-up working days"}
	}
	var paras []noticePara
	for _, c := range cands {
		a, reason := ctx.parse(c.body)
		if reason != "" {
			return Year{}, &NoticeError{Paragraph: c.label, Line: c.line.no, Reason: reason}
		}
		name := c.name
		if name == "" {
			name = a.extension
		}
		if name == "" {
			name = titleName
		}
		if name == "" {
			return Year{}, &NoticeError{Paragraph: "title", Line: doc.titleLine,
				Reason: "neither the paragraph nor the title names the festival"}
		}
		paras = append(paras, noticePara{label: c.label, line: c.line.no,
			f: Festival{Name: name, From: a.from, To: a.to, Makeup: a.makeup, Note: c.body}})
	}
	y := b
	y.Sources = append(y.Sources, doc.source(paras))
	if err := validateNoticeYear(&y, ""); err != nil {
		return Year{}, doc.validationError(err, len(y.Sources)-1, y.Year, paras)
	}
	return y, nil
}

// validateNoticeYear validates a year read from a notice as ParseYears
// validates a FormatV2 year: field names follow the v2 layout
// (sources[i].festivals[j]), which validationError relies on.
func validateNoticeYear(y *Year, path string) error { return validateYear(y, path, false) }

// ---- heading, body and signature ----

type noticeLine struct {
	no   int    // 1-based
	text string // trimmed, never empty
}

type noticePara struct {
	label string
	line  int
	f     Festival
}

type noticeDoc struct {
	title      string
	titleLine  int
	year       int // from the title; 0 if it names none
	number     string
	numberLine int
	date       Date
	dateLine   int
	body       []noticeLine // the non-blank lines between the number and the date
}

func (doc *noticeDoc) source(paras []noticePara) Source {
	s := Source{Kind: SourceNotice, Number: doc.number, Title: doc.title, Date: doc.date,
		Festivals: make([]Festival, len(paras))}
	for i, p := range paras {
		s.Festivals[i] = p.f
	}
	return s
}

// checkYear rejects a year outside the years calendar data may have.
func (doc *noticeDoc) checkYear(year int) error {
	if year >= minDataYear && year <= maxDataYear {
		return nil
	}
	de := &DataError{Year: year, Field: "year", Problem: ProblemYear}
	return &NoticeError{Paragraph: "title", Line: doc.titleLine,
		Reason: strings.TrimPrefix(de.Error(), "workday: invalid calendar data: "), Err: de}
}

func (doc *noticeDoc) bodyLine() int {
	for _, ln := range doc.body {
		if _, _, ok := paragraphNumber(ln.text); ok {
			return ln.no
		}
	}
	if len(doc.body) > 0 {
		return doc.body[0].no
	}
	return doc.dateLine
}

// readNoticeDoc splits text into title, number, body and signature date.
func readNoticeDoc(text []byte) (*noticeDoc, error) {
	if len(text) > maxNoticeBytes {
		return nil, &NoticeError{Reason: fmt.Sprintf("text of %d bytes is larger than the limit of %d (1 MiB)", len(text), maxNoticeBytes)}
	}
	text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	if !utf8.Valid(text) {
		bad := 0
		for bad < len(text) {
			r, n := utf8.DecodeRune(text[bad:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			bad += n
		}
		return nil, &NoticeError{Line: lineOf(text[:bad]), Reason: "text is not valid UTF-8"}
	}
	lines := splitNoticeLines(string(text))
	if len(lines) == 0 {
		return nil, &NoticeError{Paragraph: "title", Line: 1, Reason: "empty text"}
	}
	doc := &noticeDoc{titleLine: lines[0].no}
	var title strings.Builder
	end := -1
	for i := 0; i < len(lines) && i < maxTitleLines; i++ {
		title.WriteString(lines[i].text)
		if strings.HasSuffix(lines[i].text, "通知") {
			end = i
			break
		}
	}
	if end < 0 || !strings.Contains(title.String(), "关于") || !unicode.IsLetter(firstRune([]rune(lines[0].text))) {
		return nil, &NoticeError{Paragraph: "title", Line: lines[0].no,
			Reason: "no title (国务院办公厅关于…的通知) on the first lines"}
	}
	doc.title = title.String()
	doc.year = titleYear(doc.title)

	if end+1 >= len(lines) {
		return nil, &NoticeError{Paragraph: "number", Line: lines[end].no + 1,
			Reason: "no document number (文号, e.g. 国办发明电〔2025〕7号) under the title"}
	}
	numLine := lines[end+1]
	number, numberYear, ok := parseDocNumber(numLine.text)
	if !ok {
		return nil, &NoticeError{Paragraph: "number", Line: numLine.no,
			Reason: "no document number (文号, e.g. 国办发明电〔2025〕7号) under the title"}
	}
	doc.number, doc.numberLine = number, numLine.no

	last := len(lines) - 1
	for last > end+1 && isParenLine(lines[last].text) {
		last--
	}
	if last <= end+1 {
		return nil, &NoticeError{Paragraph: "date", Line: lines[len(lines)-1].no,
			Reason: "no date (YYYY年M月D日) under the signature"}
	}
	dl := lines[last]
	d, found, reason := parseSignatureDate(dl.text)
	if !found {
		return nil, &NoticeError{Paragraph: "date", Line: dl.no,
			Reason: "no date (YYYY年M月D日) under the signature"}
	}
	if reason != "" {
		return nil, &NoticeError{Paragraph: "date", Line: dl.no, Reason: reason}
	}
	if d.Year != numberYear {
		return nil, &NoticeError{Paragraph: "number", Line: numLine.no,
			Reason: fmt.Sprintf("the notice is numbered 〔%d〕 but dated %s", numberYear, d)}
	}
	doc.date, doc.dateLine = d, dl.no
	doc.body = lines[end+2 : last]
	return doc, nil
}

func lineOf(prefix []byte) int {
	n := 1
	for i := 0; i < len(prefix); i++ {
		switch prefix[i] {
		case '\n':
			n++
		case '\r':
			if i+1 >= len(prefix) || prefix[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// splitNoticeLines splits at "\n", "\r\n" or "\r", trims each line and
// keeps the non-blank ones with their numbers.
func splitNoticeLines(s string) []noticeLine {
	var out []noticeLine
	no, start := 1, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '\n' && s[i] != '\r' {
			continue
		}
		if t := trimText(s[start:i]); t != "" {
			out = append(out, noticeLine{no: no, text: t})
		}
		if i < len(s) && s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		no++
		start = i + 1
	}
	return out
}

func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

func trimText(s string) string { return strings.TrimFunc(s, isBlank) }

// titleYear returns the first four-digit year written "YYYY年" in s, or 0.
func titleYear(s string) int {
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if digitValue(rs[i]) < 0 || (i > 0 && digitValue(rs[i-1]) >= 0) {
			continue
		}
		v, e, ok := readDigits(rs, i)
		if ok && e-i == 4 && e < len(rs) && rs[e] == '年' && v > 0 {
			return v
		}
		i = e - 1
	}
	return 0
}

// parseDocNumber reads a 文号 such as 国办发明电〔2025〕7号 (brackets 〔〕, [],
// ［］, 【】 or （）; ASCII or full-width digits) and returns it normalised to
// 〔〕 and ASCII digits, with its year.
func parseDocNumber(s string) (string, int, bool) {
	rs := []rune(strings.Join(strings.FieldsFunc(s, isBlank), ""))
	open := slices.IndexFunc(rs, func(r rune) bool { return strings.ContainsRune("〔[［【（(", r) })
	if open <= 0 || open > 16 {
		return "", 0, false
	}
	prefix := rs[:open]
	if slices.ContainsFunc(prefix, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return "", 0, false
	}
	year, e, ok := readDigits(rs, open+1)
	if !ok || e-open-1 != 4 || year == 0 || e >= len(rs) || !strings.ContainsRune("〕]］】）)", rs[e]) {
		return "", 0, false
	}
	n, e2, ok := readDigits(rs, e+1)
	if !ok || e2 != len(rs)-1 || (rs[e2] != '号' && rs[e2] != '號') {
		return "", 0, false
	}
	return fmt.Sprintf("%s〔%d〕%d号", string(prefix), year, n), year, true
}

// parseSignatureDate reads a line that is a date "YYYY年M月D日".
func parseSignatureDate(s string) (Date, bool, string) {
	rs := []rune(strings.Join(strings.FieldsFunc(s, isBlank), ""))
	y, e, ok := readDigits(rs, 0)
	if !ok || e != 4 || e >= len(rs) || rs[e] != '年' {
		return Date{}, false, ""
	}
	m, e, ok := readDigits(rs, e+1)
	if !ok || e >= len(rs) || rs[e] != '月' {
		return Date{}, false, ""
	}
	d, e, ok := readDigits(rs, e+1)
	if !ok || e != len(rs)-1 || rs[e] != '日' {
		return Date{}, false, ""
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.IsValid() {
		return Date{}, true, fmt.Sprintf("%s is not a date", s)
	}
	return date, true, ""
}

func isParenLine(s string) bool {
	rs := []rune(s)
	return len(rs) >= 2 && (rs[0] == '（' || rs[0] == '(') && (rs[len(rs)-1] == '）' || rs[len(rs)-1] == ')')
}

// paragraphNumber reads the number of a paragraph "一、…" (一 to 九十九,
// followed by 、，, or .) and returns it with the text after it.
func paragraphNumber(s string) (int, string, bool) {
	rs := []rune(s)
	n, e, ok := readCNNumber(rs, 0)
	if !ok || e >= len(rs) || !strings.ContainsRune("、，,.．", rs[e]) {
		return 0, "", false
	}
	return n, trimText(string(rs[e+1:])), true
}

// paragraphLabel is NoticeError.Paragraph for the numbered line s whose text
// after the number is rest: s up to its "：", else its first characters.
func paragraphLabel(s, rest string) string {
	if c := indexColon(rest); c >= 0 {
		return trimText(s[:len(s)-len(rest)+c])
	}
	return shortLabel(s)
}

func shortLabel(s string) string {
	rs := []rune(s)
	if len(rs) <= maxLabelRunes {
		return s
	}
	return string(rs[:maxLabelRunes]) + "…"
}

// indexColon returns the byte index of the first "：" or ":" in s, or -1.
func indexColon(s string) int { return strings.IndexAny(s, "：:") }

func colonLen(s string) int {
	if strings.HasPrefix(s, ":") {
		return 1
	}
	return len("：")
}

// festivalName normalises a name as written: spaces removed, the separators
// "，" and "," written "、".
func festivalName(s string) string {
	s = strings.Join(strings.FieldsFunc(s, isBlank), "")
	return strings.NewReplacer("，", "、", ",", "、").Replace(s)
}

// amendedFestival reads the festival an amending notice is about from its
// title: 国务院办公厅关于调整2019年劳动节假期安排的通知 → 劳动节,
// …关于延长2020年春节假期的通知 → 春节, 国务院关于X调休放假的通知 → X.
func amendedFestival(title string) string {
	_, s, ok := strings.Cut(title, "关于")
	if !ok {
		return ""
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "通知"), "的")
	for _, p := range []string{"调整", "延长", "变更"} {
		s = strings.TrimPrefix(s, p)
	}
	if rs := []rune(s); len(rs) > 5 && rs[4] == '年' {
		if _, e, ok := readDigits(rs, 0); ok && e == 4 {
			s = string(rs[5:])
		}
	}
	cut := len(s)
	for _, w := range []string{"假期", "调休", "放假", "安排"} {
		if i := strings.Index(s, w); i >= 0 && i < cut {
			cut = i
		}
	}
	return s[:cut]
}

// firstFullDateYear returns the year of the first date written YYYY年M月D日
// in the lines, or 0.
func firstFullDateYear(lines []noticeLine) int {
	for _, ln := range lines {
		rs := []rune(ln.text)
		for i := 0; i < len(rs); i++ {
			if digitValue(rs[i]) < 0 || (i > 0 && digitValue(rs[i-1]) >= 0) {
				continue
			}
			y, e, ok := readDigits(rs, i)
			if ok && e-i == 4 && e < len(rs) && rs[e] == '年' {
				if _, e2, ok := readDigits(rs, e+1); ok && e2 < len(rs) && rs[e2] == '月' {
					if _, e3, ok := readDigits(rs, e2+1); ok && e3 < len(rs) && rs[e3] == '日' {
						return y
					}
				}
			}
			i = max(e-1, i)
		}
	}
	return 0
}

// validationError turns the *DataError of validating the year built from
// paras (the festivals of source src) into a *NoticeError naming the
// paragraph.
func (doc *noticeDoc) validationError(err error, src, year int, paras []noticePara) error {
	var de *DataError
	if !errors.As(err, &de) {
		return &NoticeError{Paragraph: "body", Line: doc.bodyLine(), Reason: err.Error(), Err: err}
	}
	ne := &NoticeError{Reason: strings.TrimPrefix(de.Error(), "workday: invalid calendar data: "), Err: de}
	prefix := fmt.Sprintf("sources[%d].", src)
	field := de.Field
	switch {
	case field == "year" || field == prefix+"title":
		ne.Paragraph, ne.Line = "title", doc.titleLine
	case field == prefix+"number":
		ne.Paragraph, ne.Line = "number", doc.numberLine
	case field == prefix+"date":
		ne.Paragraph, ne.Line = "date", doc.dateLine
	case strings.HasPrefix(field, prefix+"festivals["):
		rest := field[len(prefix+"festivals["):]
		if j, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, ']'), 0)]); err == nil && j >= 0 && j < len(paras) {
			ne.Paragraph, ne.Line = paras[j].label, paras[j].line
		}
	case de.Problem == ProblemStatutoryDay:
		if p, ok := statutoryParagraph(de.Date, year, paras); ok {
			ne.Paragraph, ne.Line = p.label, p.line
		}
	}
	if ne.Paragraph == "" {
		ne.Paragraph, ne.Line = "body", doc.bodyLine()
	}
	return ne
}

// statutoryParagraph finds the paragraph responsible for the statutory day d
// not being a holiday: the one that makes it a 上班 day, else the one named
// after its festival.
func statutoryParagraph(d Date, year int, paras []noticePara) (noticePara, bool) {
	for _, p := range paras {
		if slices.Contains(p.f.Makeup, d) {
			return p, true
		}
	}
	days, _ := StatutoryDays(year)
	for _, sd := range days {
		if sd.Date != d {
			continue
		}
		for _, p := range paras {
			if slices.Contains(strings.Split(p.f.Name, "、"), sd.Festival) {
				return p, true
			}
		}
	}
	return noticePara{}, false
}

// ---- the arrangement of one paragraph ----

// arrangeCtx reads paragraphs of the notice of one year; base is the
// arrangement being amended (ParseAmendment), nil for ParseNotice.
type arrangeCtx struct {
	year int
	base map[Date]dayInfo
}

type arrangement struct {
	from, to  Date
	makeup    []Date
	extension string // the festival extended ("延长X假期至…"), if any
}

type dateItem struct{ from, to Date }

type clause struct {
	rs      []rune
	sentEnd bool // the clause ends a sentence
}

func isOpen(r rune) bool  { return strings.ContainsRune("（(《〔【[［〈「『", r) }
func isClose(r rune) bool { return strings.ContainsRune("）)》〕】]］〉」』", r) }

func isRangeSep(r rune) bool { return strings.ContainsRune("至-－~～—–", r) }

// splitClauses splits a paragraph at "，" "：" (clauses) and "。" "；"
// (sentences) outside brackets.
func splitClauses(rs []rune) ([]clause, string) {
	var out []clause
	depth, start := 0, 0
	for i, r := range rs {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			if depth == 0 {
				return nil, "unbalanced brackets"
			}
			depth--
		case depth == 0 && strings.ContainsRune("，,：:", r):
			out = append(out, clause{rs: rs[start:i]})
			start = i + 1
		case depth == 0 && strings.ContainsRune("。；;．.！!？?", r):
			out = append(out, clause{rs: rs[start:i], sentEnd: true})
			start = i + 1
		}
	}
	if depth != 0 {
		return nil, "unbalanced brackets"
	}
	if start < len(rs) {
		out = append(out, clause{rs: rs[start:], sentEnd: true})
	} else if len(out) > 0 {
		out[len(out)-1].sentEnd = true
	}
	return out, ""
}

// clauseStart skips blanks and a leading 其中 ("of which").
func clauseStart(rs []rune) []rune {
	p := skipBlank(rs, 0)
	if hasPrefixRunes(rs[p:], "其中") {
		p = skipBlank(rs, p+2)
	}
	return rs[p:]
}

// startsArrangement reports whether a clause starts with a date or an
// extension.
func startsArrangement(rs []rune) bool {
	rs = clauseStart(rs)
	if hasPrefixRunes(rs, "延长") {
		return true
	}
	_, _, found, _ := (&arrangeCtx{year: 2000}).readDate(rs, 0, 0)
	return found
}

func firstClauseArranges(s string) bool {
	cs, reason := splitClauses([]rune(s))
	return reason == "" && len(cs) > 0 && startsArrangement(cs[0].rs)
}

func someClauseArranges(s string) bool {
	cs, reason := splitClauses([]rune(s))
	return reason == "" && slices.ContainsFunc(cs, func(c clause) bool { return startsArrangement(c.rs) })
}

// parse reads the arrangement of a paragraph body. reason is non-empty when
// the body cannot be read or contradicts itself.
func (c *arrangeCtx) parse(body string) (arrangement, string) {
	var a arrangement
	rs := []rune(body)
	clauses, reason := splitClauses(rs)
	if reason != "" {
		return a, reason
	}
	var (
		spans    []dateItem // days off
		sentence []dateItem // days off named so far in the sentence
		resume   []Date
		pending  []dateItem // dates waiting for their verb (a list split by ",")
		ndates   int
	)
	for _, cl := range clauses {
		rs := clauseStart(cl.rs)
		var items []dateItem
		var rest []rune
		switch {
		case hasPrefixRunes(rs, "延长"):
			if len(pending) > 0 {
				return a, fmt.Sprintf("cannot tell whether %s is a day off or a working day", pending[0].from)
			}
			item, name, reason := c.readExtension(rs)
			if reason != "" {
				return a, reason
			}
			if a.extension != "" && a.extension != name {
				return a, "two extensions in one paragraph"
			}
			a.extension = name
			spans = append(spans, item)
			sentence = append(sentence, item)
			ndates++
		default:
			var end int
			items, end, reason = c.readDateList(rs)
			if reason != "" {
				return a, reason
			}
			rest = rs[end:]
		}
		ndates += len(items)
		if ndates > maxParagraphDay {
			return a, fmt.Sprintf("more than %d dates in one paragraph", maxParagraphDay)
		}
		outside := outsideBrackets(rest)
		if len(items) == 0 {
			outside = outsideBrackets(rs)
			if hasPrefixRunes(rs, "延长") {
				outside = nil
			}
			if len(pending) > 0 {
				return a, fmt.Sprintf("cannot tell whether %s is a day off or a working day", pending[0].from)
			}
		}
		if w, ok := findDate(outside); ok {
			return a, fmt.Sprintf("cannot read the date in %q (a date starts a clause: \"M月D日…放假\" or \"M月D日…上班\")", w)
		}
		if len(items) > 0 {
			items = append(pending, items...)
			pending = nil
			text := string(outside)
			switch {
			case strings.Contains(text, "上班") && strings.HasPrefix(trimText(text), "起"):
				for _, it := range items {
					if it.from != it.to {
						return a, fmt.Sprintf("work cannot resume on a range of days (%s至%s)", it.from, it.to)
					}
					resume = append(resume, it.from)
				}
			case strings.Contains(text, "上班"):
				for _, it := range items {
					if it.from != it.to {
						return a, fmt.Sprintf("a range of 上班 days (%s至%s): list them one by one", it.from, it.to)
					}
					if w := it.from.Weekday(); w != time.Saturday && w != time.Sunday {
						return a, fmt.Sprintf("%s is a %s: a 上班 (make-up working) day must be a Saturday or Sunday", it.from, w)
					}
					a.makeup = append(a.makeup, it.from)
				}
			case strings.Contains(text, "放假") || strings.Contains(text, "调休") ||
				strings.Contains(text, "补休") || strings.Contains(text, "休假"):
				spans = append(spans, items...)
				sentence = append(sentence, items...)
			case trimText(text) == "" && !cl.sentEnd:
				pending = items
			default:
				return a, fmt.Sprintf("cannot tell whether %s is a day off (放假) or a working day (上班)", items[0].from)
			}
		}
		for _, n := range findCounts(outside) {
			if len(sentence) == 0 {
				return a, fmt.Sprintf("共%d天 but no days off are named before it", n)
			}
			if got := countDays(sentence); got != n {
				return a, fmt.Sprintf("共%d天 but %s is %d days", n, describeDays(sentence), got)
			}
		}
		if cl.sentEnd {
			if len(pending) > 0 {
				return a, fmt.Sprintf("cannot tell whether %s is a day off or a working day", pending[0].from)
			}
			sentence = nil
		}
	}
	if len(spans) == 0 {
		return a, "no days off (放假) in the paragraph"
	}
	blocks := mergeSpans(spans, true)
	if len(blocks) > 1 {
		return a, fmt.Sprintf("the days off are not one block: %s", describeDays(blocks))
	}
	a.from, a.to = blocks[0].from, blocks[0].to
	to := a.to.number()
	for _, r := range resume {
		z := r.number()
		if z <= to {
			return a, fmt.Sprintf("work resumes on %s, not after the days off (to %s)", r, a.to)
		}
		for x := to + 1; x < z; x++ {
			if !isWeekend(x) {
				return a, fmt.Sprintf("work resumes on %s, but %s after the days off (to %s) is a working day", r, civil(x), a.to)
			}
		}
	}
	return a, ""
}

// readExtension reads "延长[YYYY年]X假期至D" and returns the days added.
func (c *arrangeCtx) readExtension(rs []rune) (dateItem, string, string) {
	at := -1
	depth := 0
	for i := 2; i < len(rs); i++ {
		switch {
		case isOpen(rs[i]):
			depth++
		case isClose(rs[i]):
			depth--
		case depth == 0 && rs[i] == '至':
			at = i
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		return dateItem{}, "", `an extension without "至" (延长…假期至M月D日)`
	}
	mid := []rune(trimText(string(rs[2:at])))
	if len(mid) > 5 && mid[4] == '年' {
		if y, e, ok := readDigits(mid, 0); ok && e == 4 {
			if y != c.year {
				return dateItem{}, "", fmt.Sprintf("the extension is about %d, the notice about %d", y, c.year)
			}
			mid = mid[5:]
		}
	}
	name := string(mid)
	for _, s := range []string{"的假期", "假期", "假"} {
		if strings.HasSuffix(name, s) {
			name = strings.TrimSuffix(name, s)
			break
		}
	}
	name = festivalName(name)
	if name == "" || utf8.RuneCountInString(name) > maxNameRunes {
		return dateItem{}, "", "an extension that names no festival (延长X假期至…)"
	}
	d, end, found, reason := c.readDate(rs, skipBlank(rs, at+1), 0)
	if reason != "" {
		return dateItem{}, "", reason
	}
	if !found {
		return dateItem{}, "", `cannot read the date after "至"`
	}
	end, reason = readAnnotation(rs, end, d)
	if reason != "" {
		return dateItem{}, "", reason
	}
	if trimText(string(outsideBrackets(rs[end:]))) != "" {
		return dateItem{}, "", fmt.Sprintf("cannot read %q after the extension", string(rs[end:]))
	}
	if c.base == nil {
		return dateItem{}, "", "an extension (延长…) amends an arrangement: read it with ParseAmendment"
	}
	last, ok := lastHoliday(c.base, name)
	if !ok {
		return dateItem{}, "", fmt.Sprintf("the arrangement amended has no %s holiday to extend", name)
	}
	if !d.After(last) {
		return dateItem{}, "", fmt.Sprintf("the %s holiday already lasts to %s, beyond %s", name, last, d)
	}
	return dateItem{from: last.AddDays(1), to: d}, name, ""
}

// lastHoliday is the last day off of the festival name in the arrangement
// (a festival "国庆节、中秋节" counts for either name).
func lastHoliday(kinds map[Date]dayInfo, name string) (Date, bool) {
	var last Date
	found := false
	for d, k := range kinds {
		if k.kind != Holiday || (k.festival != name && !slices.Contains(strings.Split(k.festival, "、"), name)) {
			continue
		}
		if !found || d.After(last) {
			last, found = d, true
		}
	}
	return last, found
}

// readDateList reads the dates a clause starts with: a date, a range
// "D1至D2" or a list "D1、D2、…", each with its bracketed note. It returns
// no items when the clause does not start with a date.
func (c *arrangeCtx) readDateList(rs []rune) ([]dateItem, int, string) {
	d, end, found, reason := c.readDate(rs, 0, 0)
	if reason != "" || !found {
		return nil, 0, reason
	}
	var items []dateItem
	for {
		if end, reason = readAnnotation(rs, end, d); reason != "" {
			return nil, 0, reason
		}
		item := dateItem{from: d, to: d}
		q := skipBlank(rs, end)
		if q < len(rs) && isRangeSep(rs[q]) {
			d2, e2, found, reason := c.readDate(rs, skipBlank(rs, q+1), d.Month)
			if reason != "" {
				return nil, 0, reason
			}
			if !found {
				return nil, 0, fmt.Sprintf("cannot read the date after %q", string(rs[q]))
			}
			if e2, reason = readAnnotation(rs, e2, d2); reason != "" {
				return nil, 0, reason
			}
			if d2.Before(d) {
				return nil, 0, fmt.Sprintf("%s至%s ends before it starts", d, d2)
			}
			item.to, end = d2, e2
			q = skipBlank(rs, end)
		}
		items = append(items, item)
		if len(items) > maxParagraphDay {
			return nil, 0, fmt.Sprintf("more than %d dates in one paragraph", maxParagraphDay)
		}
		if q >= len(rs) || rs[q] != '、' {
			return items, end, ""
		}
		d, end, found, reason = c.readDate(rs, skipBlank(rs, q+1), item.to.Month)
		if reason != "" {
			return nil, 0, reason
		}
		if !found {
			return nil, 0, `cannot read the date after "、"`
		}
	}
}

// readDate reads a date written "YYYY年M月D日", "M月D日" or, when month is not
// zero (after 至 or 、), "D日" at rs[p:]. found reports whether a date is
// written there; reason is set when it is not a real date or not in the
// year of the notice.
func (c *arrangeCtx) readDate(rs []rune, p int, month time.Month) (d Date, end int, found bool, reason string) {
	v1, e1, ok := readDigits(rs, p)
	if !ok || e1 >= len(rs) {
		return Date{}, p, false, ""
	}
	year, m, day := c.year, 0, 0
	switch rs[e1] {
	case '年':
		v2, e2, ok := readDigits(rs, e1+1)
		if e1-p != 4 || !ok || e2 >= len(rs) || rs[e2] != '月' {
			return Date{}, p, false, ""
		}
		v3, e3, ok := readDigits(rs, e2+1)
		if !ok || e3 >= len(rs) || rs[e3] != '日' {
			return Date{}, p, false, ""
		}
		year, m, day, end = v1, v2, v3, e3+1
	case '月':
		v2, e2, ok := readDigits(rs, e1+1)
		if !ok || e2 >= len(rs) || rs[e2] != '日' {
			return Date{}, p, false, ""
		}
		m, day, end = v1, v2, e2+1
	case '日':
		if month == 0 {
			return Date{}, p, false, ""
		}
		m, day, end = int(month), v1, e1+1
	default:
		return Date{}, p, false, ""
	}
	d = Date{Year: year, Month: time.Month(m), Day: day}
	written := string(rs[p:end])
	if year == c.year && !strings.Contains(written, "年") && !strings.Contains(written, "月") {
		written = fmt.Sprintf("%d月%s", m, written)
	}
	switch {
	case !d.IsValid():
		return d, end, true, fmt.Sprintf("%s is not a date", written)
	case year != c.year:
		return d, end, true, fmt.Sprintf("%s is outside %d, the year of the notice", written, c.year)
	}
	return d, end, true, ""
}

var weekdayNames = map[rune]time.Weekday{
	'一': time.Monday, '二': time.Tuesday, '三': time.Wednesday, '四': time.Thursday,
	'五': time.Friday, '六': time.Saturday, '日': time.Sunday, '天': time.Sunday,
}

// readAnnotation reads the bracketed note after the date d at rs[p:], if
// any, and checks the weekday it names.
func readAnnotation(rs []rune, p int, d Date) (int, string) {
	q := skipBlank(rs, p)
	if q >= len(rs) || (rs[q] != '（' && rs[q] != '(') {
		return p, ""
	}
	depth, end := 0, -1
	for i := q; i < len(rs) && end < 0; i++ {
		switch {
		case isOpen(rs[i]):
			depth++
		case isClose(rs[i]):
			if depth--; depth == 0 {
				end = i
			}
		}
	}
	if end < 0 {
		return p, "unbalanced brackets"
	}
	items := strings.FieldsFunc(string(rs[q+1:end]), func(r rune) bool {
		return isBlank(r) || strings.ContainsRune("、，,;；", r)
	})
	for _, it := range items {
		name, marked := "", false
		for _, prefix := range []string{"星期", "礼拜", "周"} {
			if strings.HasPrefix(it, prefix) {
				name, marked = it[len(prefix):], true
				break
			}
		}
		if !marked {
			continue // a lunar date or another note
		}
		nr := []rune(name)
		w, ok := weekdayNames[firstRune(nr)]
		if len(nr) != 1 || !ok {
			return p, fmt.Sprintf("%q after %s is not a weekday", it, d)
		}
		if w != d.Weekday() {
			return p, fmt.Sprintf("%s is a %s, not %s as written", d, d.Weekday(), it)
		}
	}
	return end + 1, ""
}

func firstRune(rs []rune) rune {
	if len(rs) == 0 {
		return 0
	}
	return rs[0]
}

// outsideBrackets returns the runes of rs outside brackets.
func outsideBrackets(rs []rune) []rune {
	var out []rune
	depth := 0
	for _, r := range rs {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			depth = max(depth-1, 0)
		case depth == 0:
			out = append(out, r)
		}
	}
	return out
}

// findDate reports a date-like "N月" or "N日" in rs.
func findDate(rs []rune) (string, bool) {
	for i := 0; i < len(rs); i++ {
		if digitValue(rs[i]) < 0 || (i > 0 && digitValue(rs[i-1]) >= 0) {
			continue
		}
		_, e, _ := readDigits(rs, i)
		if e < len(rs) && (rs[e] == '月' || rs[e] == '日') {
			if _, e2, ok := readDigits(rs, e+1); rs[e] == '月' && ok && e2 < len(rs) && rs[e2] == '日' {
				e = e2
			}
			return string(rs[i : e+1]), true
		}
		i = e - 1
	}
	return "", false
}

// findCounts returns the N of every "共N天", "放假N天", "调休N天" … in rs.
func findCounts(rs []rune) []int {
	var out []int
	for i := 0; i < len(rs); i++ {
		var n, e int
		var ok bool
		if digitValue(rs[i]) >= 0 {
			if i > 0 && digitValue(rs[i-1]) >= 0 {
				continue
			}
			n, e, ok = readDigits(rs, i)
		} else {
			n, e, ok = readCNNumber(rs, i)
		}
		if !ok || e >= len(rs) || rs[e] != '天' {
			if e > i {
				i = e - 1
			}
			continue
		}
		before := string(rs[max(i-2, 0):i])
		if strings.HasSuffix(before, "共") || slices.Contains([]string{"放假", "调休", "补休", "休假", "连休"}, before) {
			out = append(out, n)
		}
		i = e
	}
	return out
}

// countDays is the number of distinct days in the items.
func countDays(items []dateItem) int {
	n := 0
	for _, it := range mergeSpans(items, false) {
		n += int(it.to.number()-it.from.number()) + 1
	}
	return n
}

// mergeSpans sorts the spans and joins those that overlap or touch and, if
// weekends, those separated only by a Saturday and Sunday.
func mergeSpans(items []dateItem, weekends bool) []dateItem {
	s := slices.Clone(items)
	slices.SortFunc(s, func(a, b dateItem) int { return a.from.Compare(b.from) })
	var out []dateItem
	for _, it := range s {
		if n := len(out); n > 0 {
			last := &out[n-1]
			gapFrom, gapTo := last.to.number()+1, it.from.number()-1
			joined := gapTo < gapFrom
			if !joined && weekends && gapTo-gapFrom < 2 {
				joined = true
				for z := gapFrom; z <= gapTo; z++ {
					joined = joined && isWeekend(z)
				}
			}
			if joined {
				if it.to.After(last.to) {
					last.to = it.to
				}
				continue
			}
		}
		out = append(out, it)
	}
	return out
}

func describeDays(items []dateItem) string {
	var parts []string
	for _, it := range items {
		if it.from == it.to {
			parts = append(parts, it.from.String())
		} else {
			parts = append(parts, it.from.String()+"至"+it.to.String())
		}
	}
	return strings.Join(parts, "、")
}

// ---- characters and numbers ----

func skipBlank(rs []rune, p int) int {
	for p < len(rs) && isBlank(rs[p]) {
		p++
	}
	return p
}

func hasPrefixRunes(rs []rune, prefix string) bool {
	i := 0
	for _, r := range prefix {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// readDigits reads a run of ASCII or full-width digits at rs[p:]; ok is
// false when there is none or it is longer than four digits. end is the end
// of the run either way.
func readDigits(rs []rune, p int) (v, end int, ok bool) {
	end = p
	for end < len(rs) && digitValue(rs[end]) >= 0 {
		if end-p < 4 {
			v = v*10 + digitValue(rs[end])
		}
		end++
	}
	return v, end, end > p && end-p <= 4
}

var cnDigits = map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// readCNNumber reads a number written in Chinese from 一 to 九十九 (一, 十,
// 十一, 二十, 二十三; 两 for 二) at rs[p:].
func readCNNumber(rs []rune, p int) (v, end int, ok bool) {
	cn := func(i int) int {
		if i >= len(rs) {
			return 0
		}
		return cnDigits[rs[i]] // 0 when not a digit
	}
	end = p
	if d := cn(end); d > 0 {
		v, end = d, end+1
	}
	if end < len(rs) && rs[end] == '十' {
		v = max(v, 1) * 10
		end++
		if d := cn(end); d > 0 {
			v, end = v+d, end+1
		}
	}
	return v, end, end > p
}
