package domain_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

// The 成都 story (seed 002) resolved with the reference CEL sanction policies: for the same
// act the commission proposes 记过 and a 50% pay deduction, the SOE owner 诫勉 and 30%.
func ExampleSanction() {
	cal, _ := workday.New()
	b, err := policies.Bundle(cal)
	if err != nil {
		fmt.Println(err)
		return
	}
	decided := time.Date(2026, 3, 10, 9, 0, 0, 0, workday.Location())
	id := func(s string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(s)) }
	commission := sanction.Agency{ID: id("commission"), Kind: sanction.AgencyDisciplineCommission, Name: "市纪委监委"}
	owner := sanction.Agency{ID: id("owner"), Kind: sanction.AgencySOEOwner, Name: "市国资委"}
	zhang := sanction.Person{ID: id("zhang"), Name: "张某"}
	matter := id("clue-1")
	pay := func(v int64) sanction.Measure {
		return sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: sanction.DeductionPercent, Value: decimal.NewFromInt(v)}}
	}
	in := []sanction.Proposal{
		{ID: id("p1"), Agency: commission, Person: zhang, Matter: matter, Measure: sanction.Measure{Kind: sanction.KindGovernmentDemerit}},
		{ID: id("p2"), Agency: commission, Person: zhang, Matter: matter, Measure: pay(50)},
		{ID: id("p3"), Agency: owner, Person: zhang, Matter: matter, Measure: sanction.Measure{Kind: sanction.KindAdmonishment}},
		{ID: id("p4"), Agency: owner, Person: zhang, Matter: matter, Measure: pay(30)},
	}
	r := sanction.New(sanction.WithPolicy(domain.Sanction(b)))
	res, err := r.Resolve(context.Background(), in, decided)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range res.Persons[0].Applied {
		fmt.Println("applied:", a.Measure.Kind.Name(), a.Measure.Deduction.Value.String())
	}
	for _, s := range res.Persons[0].Subsumed {
		fmt.Println("subsumed:", s.Measure.Kind.Name(), s.Measure.Deduction.Value.String(), s.Reason)
	}
	// Output:
	// applied: 政务记过 0
	// applied: 诫勉 0
	// applied: 扣减薪酬 50
	// subsumed: 扣减薪酬 30 heavier_prevails
}
