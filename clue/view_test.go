package clue_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
)

func TestView(t *testing.T) {
	owner := agency("国资委", clue.KindSOEOwner)
	group := agency("派驻纪检监察组", clue.KindStationedGroup)
	r := newRecorder(t, newSeedPolicy(t))
	c := r.draft(id("view"), clue.Command{Actor: actor(owner), At: at(2026, 6, 18, 17, 0), Package: &clue.Package{
		Source: owner, Receiver: group, Subjects: []clue.Person{{Name: "王某"}}, Matter: "收受财物",
		DiscoveredAt: at(2026, 6, 18, 16, 0), Flags: clue.Flags{SuspectedDutyCrime: true},
		Evidence:  []clue.Evidence{{Name: "举报信", Kind: clue.EvidenceReport, Hash: "sha256:1", Confidential: true}, {Name: "合同", Kind: clue.EvidenceDocument, Hash: "sha256:2"}},
		Reporters: []clue.Reporter{{Name: "赵某", IDNumber: "5101…", Named: true}},
	}})
	r.do(c, clue.Command{Step: clue.StepTransfer, Actor: actor(owner), At: at(2026, 6, 22, 9, 0)})
	r.do(c, clue.Command{Step: clue.StepRegister, Actor: actor(group), At: at(2026, 6, 22, 10, 0)})
	r.do(c, clue.Command{Step: clue.StepAssign, Actor: actor(group), At: at(2026, 6, 22, 11, 0), Office: &group})
	r.do(c, clue.Command{Step: clue.StepDecide, Actor: actor(group), At: at(2026, 6, 23, 9, 0),
		Disposal: &clue.Disposal{Method: clue.MethodFileCase}, Detail: "调取银行流水，约谈关系人"})
	grants := clue.Grants{ReporterIdentity: []clue.Role{"petition_officer"}, InvestigationDetail: []clue.Role{"case_handler", "petition_officer"}}

	for _, tc := range []struct {
		name              string
		viewer            clue.Actor
		reporters, detail bool
		evidence          int
		redactions        []string
	}{
		{"sender, even with a granted role", clue.Actor{Agency: owner.ID, Role: "petition_officer"}, false, false, 1, []string{clue.RedactedReporters, clue.RedactedDetail}},
		{"receiver case handler", clue.Actor{Agency: group.ID, Role: "case_handler"}, false, true, 2, []string{clue.RedactedReporters}},
		{"receiver petition officer", clue.Actor{Agency: group.ID, Role: "petition_officer"}, true, true, 2, nil},
		{"receiver without role", clue.Actor{Agency: group.ID}, false, false, 1, []string{clue.RedactedReporters, clue.RedactedDetail}},
		{"third agency", clue.Actor{Agency: id("other"), Role: "petition_officer"}, false, false, 1, []string{clue.RedactedReporters, clue.RedactedDetail}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := c.View(tc.viewer, grants)
			assert.Equal(t, tc.reporters, len(v.Reporters) > 0)
			assert.Equal(t, tc.detail, v.InvestigationDetail != "")
			assert.Len(t, v.Evidence, tc.evidence)
			assert.Equal(t, tc.redactions, v.Redactions)
			assert.Equal(t, c.State, v.State, "status is always visible")
			assert.Equal(t, clue.MethodFileCase, v.Disposal.Method)
			raw, err := json.Marshal(v)
			require.NoError(t, err)
			assert.Equal(t, tc.reporters, contains(raw, "赵某"))
			assert.Equal(t, tc.reporters, contains(raw, "complainant_notice"), "a complainant duty reveals a named reporter")
			assert.Equal(t, tc.detail, contains(raw, "银行流水"))
			for _, e := range r.events[c.ID] {
				view, _ := clue.ViewEvent(c, e, tc.viewer, grants)
				raw, err := json.Marshal(view)
				require.NoError(t, err)
				assert.False(t, !tc.reporters && contains(raw, "赵某"), "event %s leaks the reporter", e.Step)
				assert.False(t, !tc.detail && contains(raw, "银行流水"), "event %s leaks the detail", e.Step)
			}
		})
	}
	assert.Len(t, c.Reporters, 1, "the clue itself is untouched")
	assert.NotEmpty(t, c.InvestigationDetail)
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }
