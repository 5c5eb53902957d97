package sanction

// Sources cited in results.
const (
	srcGov       = "公职人员政务处分法"
	srcParty     = "中国共产党纪律处分条例"
	srcSOE       = "国有企业管理人员处分条例"
	srcSASAC     = "中央企业违规经营投资责任追究实施办法(国务院国资委令第46号)"
	srcChengdu   = "成都市纪检监察监督与出资人监督贯通协同工作办法(试行)"
	srcOrg       = "中国共产党组织处理规定(试行)"
	srcAdmonish  = "关于对党员领导干部进行诫勉的规定"
	srcLibrary   = "guantong 默认规则"
	artMerge     = "“能合并处理的则合并”"
	artHeavier   = "“从重但不重复”"
	seedChengdu  = "002"
	artLibOrg    = "多项问题的组织处理只执行最重的一项(从重但不重复)"
	artLibEqual  = "同等轻重的不同措施按确定的次序择一执行"
	artPartyKind = "第八条"
)

// citeMerge cites 成都's merge rule: handling opinions on one clue are merged
// where they can be.
func citeMerge() Citation {
	return Citation{Source: srcChengdu, Article: artMerge, Seed: seedChengdu}
}

// citeHeavier cites 成都's rule for differing standards: the heavier applies,
// never twice.
func citeHeavier() Citation {
	return Citation{Source: srcChengdu, Article: artHeavier, Seed: seedChengdu}
}

func citeGov(article string) Citation   { return Citation{Source: srcGov, Article: article} }
func citeParty(article string) Citation { return Citation{Source: srcParty, Article: article} }
func citeSOE(article string) Citation   { return Citation{Source: srcSOE, Article: article} }
func citeSASAC() Citation               { return Citation{Source: srcSASAC} }
func citeLibrary(rule string) Citation  { return Citation{Source: srcLibrary, Article: rule} }

// kindCitation cites the article that establishes a kind.
func kindCitation(f Family) Citation {
	switch f {
	case FamilyParty:
		return citeParty(artPartyKind)
	case FamilyGovernment:
		return citeGov("第七条")
	case FamilyEnterprise:
		return citeSOE("第七条")
	case FamilyOrganizational:
		return Citation{Source: srcOrg}
	}
	return citeSASAC()
}

// combinationCitation cites the several-violations rule of a sanction family.
func combinationCitation(f Family) Citation {
	if f == FamilyEnterprise {
		return citeSOE("第九条")
	}
	return citeGov("第十五条")
}
