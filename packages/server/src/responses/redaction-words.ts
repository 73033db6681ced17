/**
 * Ordinary English words that are also first names, surnames or the words people put between a
 * number and "road" in speech ("5 more bus lanes", "the 24 bus road"). Name matching asks for
 * capitals before redacting a name made only of these, and address matching ignores them when
 * written in lower case, so ordinary sentences keep their words.
 */
export const ORDINARY_WORDS: ReadonlySet<string> = new Set(
  `a an the and or of to in on at by for with from into over under near off up down out this that
  these those my our your their his her its new more most main high old big busy local other
  different extra quiet side back small little long short wide narrow steep dark lovely nice good
  bad great major minor private public free same whole every each few many much several some any
  next last first second third only own very just also too really
  bus buses car cars cycle bike bikes lorry van taxi tram train walk walking parking minute minutes
  min mins mile miles hour hours day days week weeks year years month months people kids children
  houses homes shops flats way road roads street streets lane lanes times pounds percent metres yards
  will may can must shall might june april august summer winter autumn spring sunny
  grace hope faith joy rose mark bill pat rob sue dawn amber ruby jade frank guy max sky hunter
  holly ivy iris lily daisy poppy violet hazel heather olive pearl crystal honey angel patience
  prudence charity mercy constance earnest noble sterling royal hero
  green brown white black grey gray young king long wood woods hill hall field fields bush bird
  fish cook baker miller mason carpenter smith rich page bell ward marsh
  moor north south west east wise wells banks brook brooks rivers lake stone cross price cash
  money night law rice fox wolf lamb crane swan drake roach salmon trout hay shaw booth
  bishop chamberlain chancellor marshall sargent archer bowman butler porter walker fisher
  hunt read reading english french scott welsh irish husband wife friend love`
    .split(/\s+/)
    .filter(Boolean),
);
