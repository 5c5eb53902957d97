// Package sanction models the measures a discipline case can end in and
// resolves the proposals of several agencies into the measures to apply:
// 合并处理 and 从重但不重复 (seed 002, 成都), with the merge rules of national
// law.
//
// # Model
//
// A Measure is one measure of a Family: party sanctions (党纪处分), government
// sanctions (政务处分) and their SOE-manager variant (国有企业管理人员处分),
// organizational handling (组织处理: 谈话提醒 … 诫勉 … 免职, 降职) and the SOE
// accountability measures (扣减薪酬 with a decimal percentage or amount,
// 禁入限制 with a duration, 移送). Each Kind has its grade order, its period and
// its effects. A Proposal is a measure proposed by an Agency for a Person
// and a matter (clue or act), with the facts it rests on and its
// circumstances.
//
// # Resolution
//
// Resolver.Resolve groups the proposals of one person about one matter,
// keeps the heaviest of comparable measures once and lets measures of
// different classes stand together, then combines several violations by each
// family's law: party sanctions escalate (纪律处分条例 art. 24), government
// and enterprise sanctions absorb (政务处分法 art. 15, 48-month cap), the same
// act is not sanctioned by two organs (art. 16), organizational handling
// stands beside a sanction (art. 17). The Result keeps every proposal, applied
// (with who proposed it) or subsumed (with what subsumed it, a Reason code, a
// Citation and a Chinese explanation), and gives the period and effects of
// each applied measure. The same proposals in any order give the same Result.
//
// # Policy
//
// The grouping key, the comparability class, the severity rank and the
// pay-deduction rule are what a Policy says about each proposal
// (Policy.Assess, one call per proposal, with the instant whose rules
// apply). National() and the zero Hooks encode national law; Hooks replaces
// any of the four with a Go function; the rules/domain package answers from
// CEL policies (domain.Sanction), so that a jurisdiction changes them
// without code.
//
// # Periods
//
// Periods and effects run from the decision date passed to Resolve, as Civil
// Code month periods (arts. 201–202), optionally moved off rest days with
// WithCalendar (see Period for why that is not the default).
//
// # Concurrency
//
// A *Resolver is immutable after New and may be shared by any number of
// goroutines, provided its policy is safe for concurrent use (national law
// and domain.Sanction are). Resolve does not modify its input, and the Result
// shares no slice with it. The package has no mutable package-level state,
// starts no goroutines and does no I/O.
package sanction
