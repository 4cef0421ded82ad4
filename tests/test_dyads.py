"""Dyad extraction from the dependency parse: hand-built parses and real ones."""

import pytest

from eventcoder.actors import ActorResolver
from eventcoder.dyads import extract_dyads
from eventcoder.verbs import VerbPatternMatcher

from support import BLANK, parsed, triples


@pytest.fixture(scope="module")
def extract(dictionaries):
    resolver = ActorResolver(dictionaries, BLANK.tokenizer)
    matcher = VerbPatternMatcher(dictionaries)

    def run(doc, date="2025-05-27"):
        mentions = resolver.resolve(doc, date)
        return {(d.source.code, d.target.code, d.code)
                for s in doc.sents for d in extract_dyads(s, mentions, matcher, dictionaries.modality)}
    return run


def test_subject_verb_object(extract):
    doc = parsed("""
        Russian Russian ADJ amod 1
        troops troop NOUN nsubj 2
        attacked attack VERB ROOT 2
        Ukraine Ukraine PROPN dobj 2
        . . PUNCT punct 2
        """)
    assert extract(doc) == {("RUSMIL", "UKR", "190")}


def test_passive_takes_the_source_from_by(extract):
    doc = parsed("""
        Ukraine Ukraine PROPN nsubjpass 2
        was be AUX auxpass 2
        shelled shell VERB ROOT 2
        by by ADP agent 2
        Russian Russian ADJ amod 5
        artillery artillery NOUN pobj 3
        . . PUNCT punct 2
        """)
    assert extract(doc) == {("RUSMIL", "UKR", "194")}


def test_coordinated_subjects_give_one_event_each(extract):
    doc = parsed("""
        Germany Germany PROPN nsubj 3
        and and CCONJ cc 0
        Italy Italy PROPN conj 0
        attacked attack VERB ROOT 3
        France France PROPN dobj 3
        . . PUNCT punct 3
        """)
    assert extract(doc) == {("DEU", "FRA", "190"), ("ITA", "FRA", "190")}


@pytest.mark.parametrize("negation", ["not", "n't", "never"])
def test_negation_drops_the_event(extract, negation):
    doc = parsed(f"""
        Iran Iran PROPN nsubj 3
        did do AUX aux 3
        {negation} not PART neg 3
        attack attack VERB ROOT 3
        Israel Israel PROPN dobj 3
        . . PUNCT punct 3
        """)
    assert extract(doc) == set()


def test_refused_to_accept_codes_the_refusal_only(extract):
    doc = parsed("""
        Moscow Moscow PROPN nsubj 1
        refused refuse VERB ROOT 1
        to to PART aux 3
        accept accept VERB xcomp 1
        a a DET det 6
        US US PROPN compound 6
        proposal proposal NOUN dobj 3
        . . PUNCT punct 1
        """)
    assert extract(doc) == {("RUS", "USA", "120")}


def test_prepositional_target(extract):
    doc = parsed("""
        Iran Iran PROPN nsubj 1
        fired fire VERB ROOT 1
        missiles missile NOUN dobj 1
        at at ADP prep 1
        Israel Israel PROPN pobj 3
        . . PUNCT punct 1
        """)
    assert extract(doc) == {("IRN", "ISR", "195")}


def code(coder, text, date="2025-05-27"):
    """The dictionary's events; the classifier's root-level events are tested in test_fallback.py."""
    return triples([e for e in coder.code_text(text, date=date) if e.method != "classifier"])


@pytest.mark.parametrize("text, expected", [
    ("Fidan met with Putin in Moscow.", {("TURGOV", "RUSGOV", "040")}),  # with
    ("Thousands of Georgians protested against the Georgian government.", {("GEO", "GEOGOV", "141")}),  # against
    ("Iran fired ballistic missiles at Israel.", {("IRN", "ISR", "195")}),  # at
    ("The European Union imposed sanctions on Russia.", {("IGOEEC", "RUS", "163")}),  # on
    ("Ukrainian positions were shelled by Russian artillery.", {("RUSMIL", "UKRMIL", "194")}),  # passive
    ("Germany and France condemned Russia.", {("DEU", "RUS", "111"), ("FRA", "RUS", "111")}),  # coordination
    ("Poland summoned the Russian ambassador and expelled two Russian diplomats.",
     {("POL", "RUSGOV", "114"), ("POL", "RUSGOV", "166")}),  # coordinated verbs share the subject
    ("Kyiv said Russia attacked Ukraine's power grid overnight.", {("RUS", "UKR", "190")}),  # attribution
    ("Russia and Ukraine held talks in Istanbul.", {("RUS", "UKR", "040"), ("UKR", "RUS", "040")}),  # no TUR
    ("Poland didn't expel Russian diplomats.", set()),  # contracted negation
    ("Moscow refused to accept a US proposal for a ceasefire.", {("RUS", "USA", "120")}),  # control verb
    ("The Egyptian president paid a visit to Sudan on Monday.", {("EGYGOV", "SDN", "042")}),  # light verb + event noun
    ("Ukraine launched an offensive against Russian forces.", {("UKR", "RUSMIL", "190")}),
    ("Britain condemned the attack on Israel.", set()),  # not a light verb: Britain did not attack
    ("Azerbaijan demanded that Armenia amend its constitution.", {("AZE", "ARM", "100")}),  # the clause's subject
    ("Iran demanded that the United States lift its sanctions.", {("IRN", "USA", "1054")}),  # ... and the act asked for
    ("The UN Security Council lifted sanctions imposed on Eritrea.", {("IGOUNO", "ERI", "085")}),  # a participle's "on"
    ("Turkey refuses to lift the ban on Cypriot ships.", {("TUR", "CYP", "120")}),  # the complement's object's "on"
    ("Japan provided support for the rebuilding of schools to the Nepalese people.", {("JPN", "NPLCVL", "070")}),
    ("Japan provided Sri Lanka with emergency relief supplies after the floods.", {("JPN", "LKA", "073")}),  # "with"
    ("The Colombian government announced a cease-fire with the ELN on Monday.", {("COLGOV", "COLREB", "0871")}),  # hyphen
    ("Japan cut its tariffs on American beef under the trade deal.", {("JPN", "USA", "085")}),  # tariff cuts ease sanctions
    # a demand a protest makes is the protest for it (1411: demonstrate for leadership change)
    ("More than 100,000 people rallied in Minsk to demand that President Alexander Lukashenko step down.",
     {("BLRCVL", "BLRGOV", "1411")}),
])
def test_real_parses(coder, text, expected):
    assert code(coder, text) == expected


def test_evidence_points_into_the_sentence(coder):
    [event] = coder.code_text("Iran fired ballistic missiles at Israel on Tuesday.", date="2024-10-01")
    start, end = event.evidence.source_span
    assert event.sentence[start:end] == "Iran"
    start, end = event.evidence.target_span
    assert event.sentence[start:end] == "Israel"
    assert event.evidence.trigger == "fired"
    assert event.evidence.pattern == "verbs/19_fight.yaml#launch-weapons-at"


@pytest.mark.parametrize("text, expected", [
    ("Russia threatened to attack Ukraine.", {("RUS", "UKR", "1384")}),  # a threatened act is a threat
    ("Iran said it would fire missiles at Israel.", {("IRN", "ISR", "1384")}),  # intended violence is a threat
    ("Germany will send tanks to Ukraine.", {("DEU", "UKR", "0332")}),  # "will": an intention
    ("Egypt pledged to send food aid to Sudan.", {("EGY", "SDN", "0333")}),  # pledged humanitarian aid
    ("India and Pakistan agreed to resume talks.", {("IND", "PAK", "036"), ("PAK", "IND", "036")}),
    ("Iran denied attacking the tanker off Oman.", set()),
    ("China refrained from criticizing Russia.", set()),
    ("Russia could attack Ukraine.", set()),
    ("If Iran attacks Israel, the United States will respond.", set()),  # conditional
    ("Did Russia attack Ukraine?", set()),  # question
    ("Russia has occupied Crimea since its 2014 invasion of Ukraine.", set()),  # background
    ("Japan is ready to help Vietnam with flood relief.", {("JPN", "VNM", "033")}),  # intention through an adjective
    ("The EU is considering imposing sanctions on Belarus.", {("IGOEEC", "BLR", "014")}),  # CAMEO: a policy option
    ("Japan decided on Thursday to ease some sanctions on North Korea.", {("JPN", "PRK", "085")}),  # a decision taken is the act
    # an event noun has its light verb's mood: agreeing to exercises is an intention (031x), not the exercises
    ("Japan and Australia have agreed to undertake joint military exercises.",
     {("JPN", "AUS", "0312"), ("AUS", "JPN", "0312")}),
    ("UN sanctions against Iran were lifted on Saturday.", set()),  # lifting undoes the sanctions: no 163
    ("Japan vowed to send humanitarian aid to Turkey.", {("JPN", "TUR", "033")}),  # a vow to help is a promise, no threat
])
def test_modality(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a place or time is not what the event is about: "summit" after "at" does not make a rejection of talks
    ("Turkey rejected the Greek proposal at the summit.", {("TUR", "GRC", "120")}),
    ("Pakistan pressed India at the summit in Delhi on Tuesday.", set()),
    # theme prepositions still count ("for", "with", "to"), and so does a bare state noun after "in"
    ("Ukraine asked Germany for more air defence systems.", {("UKR", "DEU", "0232")}),
    ("Iran held the French tourist in custody for months.", {("IRN", "FRA", "1243")}),
])
def test_only_theme_prepositions_name_the_object(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the "of" phrase of a common-noun object names the crime
    ("Mexico accused the Guatemalan government of human trafficking.", {("MEX", "GTMGOV", "1121")}),
    ("Colombia accused the Venezuelan army of drug trafficking.", {("COL", "VENMIL", "1121")}),
    # ... only when the object itself names no pattern's object words: a pledged withdrawal stays one
    ("Armenia pledged the withdrawal of its troops from Azerbaijan's border villages.", {("ARM", "AZE", "0356")}),
])
def test_object_of_phrase_names_the_theme(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hamas released a video of two Israeli hostages.", set()),  # not_object: $publications
    ("Iran released a statement on the French prisoners.", set()),
    ("Russia repatriated the bodies of Ukrainian soldiers.", {("RUS", "UKRMIL", "084")}),  # not_object: $remains
    ("Iran released the seized British tanker.", {("IRN", "GBR", "0842")}),
])
def test_not_object_blocks_a_pattern(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("fields, error", [
    ("  not_object: [$no_such_class]\n", r"E109: verbs/90_mine.yaml:1: unknown word class '\$no_such_class' in 'not_object'"),
    ("  not_object: 5\n", r"E103: verbs/90_mine.yaml:1: field 'not_object' must be a list"),
    ("  object: [prisoner]\n  not_object: [prisoner]\n", r"E114: verbs/90_mine.yaml:1: 'prisoner' is in both"),
])
def test_not_object_is_validated(tmp_path, fields, error):
    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.errors import DictionaryError

    (tmp_path / "verbs").mkdir()
    (tmp_path / "verbs" / "90_mine.yaml").write_text(
        '- id: mine\n  code: "084"\n  verb: [free]\n' + fields +
        "  examples:\n    - Iran freed two French citizens. => IRN FRA 084\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=error):
        load_dictionaries(extra=[tmp_path])


def test_not_object_is_read(tmp_path):
    from eventcoder.dictionaries import load_dictionaries

    (tmp_path / "verbs").mkdir()
    (tmp_path / "verbs" / "90_mine.yaml").write_text(
        '- id: mine\n  code: "084"\n  verb: [free]\n  not_object: [$remains, Video]\n', encoding="utf-8")
    pattern = load_dictionaries(extra=[tmp_path]).patterns["verbs/90_mine.yaml#mine"]
    assert pattern.not_objects == {"body", "remains", "corpse", "video"}


def test_needs_complement_is_validated(tmp_path):
    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.errors import DictionaryError

    (tmp_path / "verbs").mkdir()
    (tmp_path / "verbs" / "90_mine.yaml").write_text('- id: mine\n  code: "100"\n  noun: [push]\n  needs_complement: true\n',
                                                    encoding="utf-8")
    with pytest.raises(DictionaryError, match="needs_complement"):
        load_dictionaries(extra=[tmp_path])


def test_not_source_is_read_and_validated(tmp_path):
    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.errors import DictionaryError

    (tmp_path / "verbs").mkdir()
    mine = tmp_path / "verbs" / "90_mine.yaml"
    mine.write_text('- id: mine\n  code: "042"\n  verb: [land]\n  not_source: [MIL, REF]\n  target: [in]\n', encoding="utf-8")
    assert load_dictionaries(extra=[tmp_path]).patterns["verbs/90_mine.yaml#mine"].not_sources == {"MIL", "REF"}
    mine.write_text('- id: mine\n  code: "042"\n  verb: [land]\n  not_source: [troops]\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match="role codes"):
        load_dictionaries(extra=[tmp_path])


@pytest.mark.parametrize("text, expected", [
    ("The Brazilian president arrived in Beijing for a state visit.", {("BRAGOV", "CHN", "042")}),
    ("Hundreds of British troops arrived in Mali to join the UN mission there.", set()),  # a deployment
])
def test_a_pattern_skips_the_roles_it_excludes(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the appeal's code comes from the act asked for; the target is the party urged
    ("Egypt urged Russia to hold talks with Ukraine.", {("EGY", "RUS", "026")}),
    ("France urged Iran to free the French hostages.", {("FRA", "IRN", "0253")}),
    ("The United States urged Israel to allow humanitarian aid into Gaza.", {("USA", "ISR", "0255")}),
    ("Germany urged Russia to withdraw its troops from Ukraine.", {("DEU", "RUS", "0256")}),
    ("Turkey asked Sweden to extradite the suspects.", {("TUR", "SWE", "0213")}),
    ("Qatar called on Israel and Hamas to accept a ceasefire.", {("QAT", "ISR", "0256"), ("QAT", "PSEREB", "0256")}),
    # an act with no appeal code, or a negated one, leaves the appeal generic
    ("Norway encouraged Finland to join NATO.", {("NOR", "FIN", "020")}),
    ("The United Nations urged Israel not to attack Lebanon.", {("IGOUNO", "ISR", "020")}),
])
def test_appeal_takes_the_code_of_the_act_asked_for(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # an act its subject must (should) do is no act: it is the demand (appeal) of whoever says so
    ("Russia says Israel must end attacks on Syria.", {("RUS", "ISR", "1056")}),
    ("Israel must end its raids on Lebanon, the French foreign minister said.", {("FRAGOV", "ISR", "1056")}),
    ("Germany said Iran should release the detained journalists.", {("DEU", "IRN", "0253")}),
    ("China said Japan should hold talks with South Korea.", {("CHN", "JPN", "026")}),
    ("Egypt demanded that Israel must withdraw its troops from Gaza.", {("EGY", "ISR", "1056")}),
    ("Turkey's foreign minister said Israel had to halt its offensive in Gaza.", {("TURGOV", "ISR", "1056")}),  # "had to"
    ("Germany said Iran needs to release the detained journalists.", {("DEU", "IRN", "0253")}),  # "needs to": an appeal
    # nobody voices it: no event
    ("Israel must withdraw its troops from Gaza.", set()),
])
def test_must_and_should_are_the_speakers_demand_or_appeal(coder, text, expected):
    assert code(coder, text) == expected


def test_request_codes_are_validated(tmp_path):
    import shutil

    from eventcoder.dictionaries import load_dictionaries
    from eventcoder.errors import DictionaryError
    from eventcoder.paths import dictionaries_dir

    root = tmp_path / "dicts"
    shutil.copytree(dictionaries_dir() / "ontology", root / "ontology")
    (root / "verbs").mkdir()
    (root / "verbs" / "modality.yaml").write_text('request_codes:\n  "02":\n    "04": "106"\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"E113: verbs/modality.yaml:3: request_codes: 02: '106' is not a code of root 02"):
        load_dictionaries(root)


@pytest.mark.parametrize("text, expected", [
    ("Thai and Cambodian troops clashed near the border.", {("THAMIL", "KHMMIL", "193"), ("KHMMIL", "THAMIL", "193")}),
    ("Indian and Chinese soldiers clashed in the Galwan Valley.", {("INDMIL", "CHNMIL", "193"), ("CHNMIL", "INDMIL", "193")}),
    ("Israel attacked Syrian and Lebanese positions.", {("ISR", "SYRMIL", "190"), ("ISR", "LBNMIL", "190")}),
    ("The German and French foreign ministers met in Paris.", {("DEUGOV", "FRAGOV", "040"), ("FRAGOV", "DEUGOV", "040")}),
])
def test_coordinated_country_adjectives_give_one_actor_each(coder, text, expected):
    assert code(coder, text) == expected


def test_coordinated_country_adjective_shares_the_role_and_noun(coder, dictionaries):
    with coder.nlp.select_pipes(disable=["eventcoder"]):
        doc = coder.nlp("Thai and Cambodian troops clashed.")
    mentions = ActorResolver(dictionaries, coder.nlp.tokenizer).resolve(doc, "2025-05-27")
    assert sorted((m.code, m.text) for m in mentions.values()) == [
        ("KHMMIL", "Cambodian troops"), ("THAMIL", "Thai and Cambodian troops")]


@pytest.mark.parametrize("text, expected", [
    ("Russia condemned and sanctioned Ukraine.", {("RUS", "UKR", "111"), ("RUS", "UKR", "163")}),
    ("Poland condemned, sanctioned and expelled Russian diplomats.",
     {("POL", "RUSGOV", "111"), ("POL", "RUSGOV", "163"), ("POL", "RUSGOV", "166")}),
    # a verb with words of its own after it, or a later verb with its own subject, shares nothing
    ("Russia protested to Ukraine and sanctioned Belarus.", {("RUS", "UKR", "114"), ("RUS", "BLR", "163")}),
    ("Iran condemned and Israel attacked the Houthis.", {("ISR", "YEMREB", "190")}),
])
def test_coordinated_verbs_share_a_final_object(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # two triggers, one pair: the root code gives way to the more specific code of the same root
    ("Russia attacked Ukraine overnight, firing dozens of missiles at Kyiv.", {("RUS", "UKR", "195")}),
    ("Israel attacked Lebanon and launched airstrikes on Beirut.", {("ISR", "LBN", "195")}),
    # different roots, or different pairs, are kept
    ("Russia condemned and sanctioned Ukraine.", {("RUS", "UKR", "111"), ("RUS", "UKR", "163")}),
])
def test_a_pair_keeps_the_most_specific_code_of_a_root(coder, text, expected):
    assert code(coder, text) == expected


def test_refines():
    from eventcoder.dyads import refines

    assert refines("195", "190") and refines("1951", "195") and refines("0253", "020")
    assert not refines("190", "195") and not refines("194", "195") and not refines("111", "190")
    assert not refines("195", "195")


@pytest.mark.parametrize("text, expected", [
    # the object slot holds only the subject's own country: the target comes from the next slot ("on")
    ("Russia blamed the Russian bridge explosion on Ukraine.", {("RUS", "UKR", "112")}),
    ("Iran blamed the Iranian plane crash on Israel.", {("IRN", "ISR", "112")}),
])
def test_a_slot_holding_only_the_source_does_not_block_later_slots(coder, text, expected):
    assert code(coder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a refused hostile act is no rejection of its target ...
    ("Russia refused to condemn Iran.", set()),
    ("Hungary refused to sanction Russia.", set()),
    # ... a refused cooperative act is
    ("Israel refused to meet the Palestinian delegation.", {("ISR", "PSEGOV", "120")}),
])
def test_complement_slot_checks_the_mood_of_the_complement(coder, text, expected):
    assert code(coder, text) == expected
