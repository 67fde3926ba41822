"""The report period and the township: case tables in Chinese and English, negatives included."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors.profile import extract_period, extract_township, profile_cues
from pipeline.fold import fold
from pipeline.process import process_path
from pipeline.schema import Period

# (lang, title, opening, year, half, quarter, raw, kind)
PERIODS = [
    ("zh", None, "2019年上半年，我镇信访工作在县委、县政府的领导下平稳开展。", 2019, 1, None, "2019年上半年", 'half'),
    ("zh", None, "2019年下半年，我镇共受理信访事项31件。", 2019, 2, None, "2019年下半年", 'half'),
    ("zh", "安宁镇2019年上半年信访工作总结", "今年以来，我镇信访形势平稳。", 2019, 1, None, "2019年上半年", 'half'),
    ("zh", None, "2019年1-6月，我镇共受理群众来信来访42件。", 2019, 1, None, "2019年1-6月", 'half'),
    ("zh", None, "2019年1至6月，我镇共受理信访事项42件。", 2019, 1, None, "2019年1至6月", 'half'),
    ("zh", None, "2019年7-12月，我镇信访形势平稳。", 2019, 2, None, "2019年7-12月", 'half'),
    ("zh", None, "今年1-6月，我镇共受理信访事项42件。", None, 1, None, "1-6月", 'half'),
    ("zh", None, "今年上半年，我镇信访工作平稳。", None, 1, None, "上半年", 'half'),
    ("zh", None, "2021年前三季度，我镇共受理信访事项56件。", 2021, None, 3, "2021年前三季度", 'nine_months'),
    ("zh", None, "2023年1-9月，我镇共受理信访事项56件。", 2023, None, 3, "2023年1-9月", 'nine_months'),
    ("zh", None, "2022年第一季度，我镇信访总量下降。", 2022, None, 1, "2022年第一季度", 'quarter'),
    ("zh", None, "二〇一九年，我镇信访工作取得明显成效。", 2019, None, None, "二〇一九年", 'year'),
    ("zh", "二0一九年度信访工作总结", "今年以来，我镇信访形势平稳。", 2019, None, None, "二0一九年度", 'year'),
    ("zh", "2020年度信访工作总结", "今年以来，我镇信访形势平稳。", 2020, None, None, "2020年度", 'year'),
    ("zh", None, "20XX年上半年，我镇信访工作平稳开展。", None, None, None, "20XX", None),
    ("zh", "XX镇20XX年信访工作总结", "今年以来，我镇信访形势平稳。", None, None, None, "20XX", None),
    ("zh", "2021年信访工作总结", "2020年我镇共受理信访事项80件。", 2021, None, None, "2021年", 'year'),
    ("en", None, "In the first half of 2020, the petition work of our town was stable.", 2020, 1, None, "first half of 2020", 'half'),
    ("en", "Summary of petition work in the second half of 2018", "Since July, the town has", 2018, 2, None,
     "second half of 2018", 'half'),
    ("en", None, "In the first three quarters of 2022, the town accepted 56 petitions.", 2022, None, 3,
     "first three quarters of 2022", 'nine_months'),
    ("en", None, "In 2019, the petition work of our town made progress.", 2019, None, None, "2019", 'year'),
    ("en", None, "Updated: 2023-02-22\nThe district received 192,000 hotline requests in 2022.", 2022, None, None, "2022", 'year'),
    ("en", None, "Updated: 2023-02-22\nThe district received 192,000 hotline requests last year.", 2023, None, None, "2023", 'year'),
    ("en", None, "In the first half of the year, the town accepted 42 petitions.", None, 1, None, "first half of the year", 'half'),
    ("en", None, "In 20XX, the petition work in our township was guided by the spirit of the congress.", None, None, None,
     "20XX", None),
    ("en", None, "The hall, opened in May 2020, " + "serves residents every day. " * 30
     + "From January to October 2021, it received 85 petitions.", 2021, None, None, "January to October 2021", 'months'),
    ("zh", None, "自2019年起，镇里推行包村联户。2023年，全镇共受理信访事项20件。", 2023, None, None, "2023年", 'year'),
    ("zh", None, "2024年以来，我镇共受理信访事项18件。", 2024, None, None, "2024年", 'year'),
    ("zh", None, "发布时间：2023-09-14 10:05  来源：县融媒体中心\n近日，青溪镇调解室化解一起宅基地纠纷。", 2023, None,
     None, "2023-09-14", 'year'),
    ("zh", None, "日期:2023-01-06\n2022年，全镇共化解矛盾纠纷41起，群众满意率98%。", 2022, None, None,
     "2022年", 'year'),
]

NO_PERIOD = [
    ("zh", "今年以来，我镇信访形势总体平稳，没有发生越级访。"),
    ("zh", "镇党委高度重视信访工作，把信访工作列入重要议事日程。"),
    ("en", "Since the beginning of this year, the town has attached great importance to petition work."),
    ("en", "The town party committee attaches great importance to petition work."),
    ("zh", "自2019年起，镇里推行班子成员包村联户制度，群众反映的问题明显减少。"),
    ("zh", "群众满意率由2021年的85%提高到93%。"),
    ("en", "Since 2019, the township has run a mediation room beside its service hall."),
    ("en", "Compared with 2021, the number of collective visits to the county fell from 7 to 2."),
    ("zh", "近日，镇里通报尚有信访积案4件，其中2020年遗留1起，要求月底前化解。"),
    ("zh", "镇里对2019年以前的积案逐件建立台账。"),
    ("en", "In March 2022, the county held its first mediation forum in the township hall."),
    ("en", "In his 2023 New Year message, the county head thanked the mediators of every town."),
    ("en", "The street closed 12 more cases than in 2020 and kept its mediation room open at weekends."),
]


PERIOD_IDS = [
    "zh-first_half", "zh-second_half", "zh-title_first", "zh-months_1_6", "zh-months_1_to_6", "zh-months_7_12",
    "zh-months_1_6_no_year", "zh-first_half_no_year", "zh-first_three_quarters", "zh-months_1_9",
    "zh-first_quarter", "zh-chinese_digit_year", "zh-mixed_digit_year_title", "zh-year_annual_title",
    "zh-placeholder_year", "zh-placeholder_title", "zh-title_wins_over_opening",
    "en-first_half_of_year", "en-title_second_half", "en-first_three_quarters", "en-year_only",
    "en-figures_year_beats_the_dateline", "en-dateline_when_no_other_year",
    "en-first_half_no_year", "en-placeholder_year", "en-month_span_anywhere_beats_a_founding_date",
    "zh-starting_year_is_no_period", "zh-since_the_start_of_a_year", "zh-iso_dateline_year",
    "zh-stated_year_beats_the_dateline",
]


@pytest.mark.parametrize("lang, title, opening, year, half, quarter, raw, kind", PERIODS, ids=PERIOD_IDS)
def test_profile_period(lang, title, opening, year, half, quarter, raw, kind) -> None:
    assert extract_period(title, opening, lang) == Period(year=year, half=half, quarter=quarter, raw=raw, kind=kind)


@pytest.mark.parametrize("lang, opening", NO_PERIOD, ids=[f"{p[0]}-{n}" for n, p in enumerate(NO_PERIOD)])
def test_profile_no_period_gives_an_empty_period(lang: str, opening: str) -> None:
    assert extract_period(None, opening, lang) == Period()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_placeholder_year_never_becomes_a_year(lang: str) -> None:
    opening = "20XX年，我镇信访工作平稳。2019年我镇" if lang == "zh" else "In 20XX, the town was stable. In 2019 the town"
    period = extract_period(None, opening, lang)
    assert period.year is None and period.raw == "20XX"


@pytest.mark.parametrize("lang, opening, kind", [
    ("zh", "2021年前三季度，我镇共受理信访事项56件。", "nine_months"),
    ("zh", "2021年第三季度，我镇共受理信访事项16件。", "quarter"),
    ("en", "From January to September 2021, the town accepted 56 petitions.", "nine_months"),
    ("en", "In the third quarter of 2021, the town accepted 16 petitions.", "quarter"),
])
def test_profile_nine_months_is_no_quarter_and_no_year(lang: str, opening: str, kind: str) -> None:
    period = extract_period(None, opening, lang)
    assert (period.year, period.half, period.quarter, period.kind) == (2021, None, 3, kind)


@pytest.mark.parametrize("text, year", [
    ("发布日期：2022-11-03\n柳溪镇调解室化解一起邻里纠纷\n近日，柳溪镇调解室化解一起因排水引发的邻里纠纷。", 2022),
    ("Posted: 2021-04-18\nLiuxi Town Mediates a Neighbour Dispute\nRecently, the mediation room of Liuxi Town settled a dispute over drainage.", 2021),
    ("柳溪镇调解室化解一起邻里纠纷\n近日，柳溪镇调解室化解一起因排水引发的邻里纠纷。", None),
], ids=["zh-dateline_above_headline", "en-dateline_above_headline", "zh-no_dateline"])
def test_profile_period_from_a_dateline_above_the_document(tmp_path: Path, text: str, year: int | None) -> None:
    path = tmp_path / "item.txt"
    path.write_text(text, encoding="utf-8")
    assert process_path(path, classify=False).records[0].period.year == year


def test_profile_period_en_month_span_before_year() -> None:
    period = extract_period(None, "From January to June 2021, the town accepted 42 petitions.", "en")
    assert (period.year, period.half) == (2021, 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_resource_examples_match_their_patterns(lang: str) -> None:
    cues = profile_cues(lang)
    for pattern, entry in zip(cues.periods, cues.raw.period.patterns):
        assert pattern.search(entry.example), entry.example
    assert cues.township.search(cues.raw.township.example)


# (lang, title, opening, township)
TOWNSHIPS = [
    ("zh", "安宁镇2019年上半年信访工作总结", "今年以来，我镇信访形势平稳。", "安宁镇"),
    ("zh", None, "今年以来，白鹿镇党委、政府高度重视信访工作。", "白鹿镇"),
    ("zh", "石桥乡信访工作总结", "今年以来，全乡信访形势平稳。", "石桥乡"),
    ("zh", "城关街道2021年信访工作总结", "今年以来，街道信访形势平稳。", "城关街道"),
    ("zh", "城关街道办事处2021年信访工作总结", "今年以来", "城关街道办事处"),
    ("zh", "团结彝族乡2020年信访工作总结", "今年以来", "团结彝族乡"),
    ("zh", "某某县青石镇2019年信访工作总结", "今年以来", "青石镇"),
    ("zh", "2019年青石镇信访工作总结", "今年以来", "青石镇"),
    ("zh", "关于青石镇信访工作的总结", "今年以来", "青石镇"),
    ("zh", None, fold("青石鎮2019年信訪工作總結"), "青石镇"),
    ("zh", "前进乡2020年信访工作总结", "今年以来，我乡依托乡综治中心化解矛盾。", "前进乡"),
    ("zh", None, "今年以来，我镇依托镇综治中心，安宁镇党委高度重视信访工作。", "安宁镇"),
    ("zh", "向阳镇2020年信访工作总结", "今年以来", "向阳镇"),
    ("zh", "将军乡2020年信访工作总结", "今年以来", "将军乡"),
    ("zh", None, "今年以来，前进乡党委高度重视信访工作，与相邻的白鹭镇建立了联调机制。", "前进乡"),
    ("zh", "李各庄镇2021年信访工作总结", "今年以来", "李各庄镇"),
    ("zh", "东向镇2021年信访工作总结", "今年以来", "东向镇"),
    ("zh", None, "今年以来，李各庄镇党委高度重视信访工作。", "李各庄镇"),
    ("zh", None, "由镇长带队走访。今年桃源镇化解纠纷12起，桃源镇群众满意。", "桃源镇"),
    ("zh", None, "我们与邻近的石门乡召开联席会。今年青溪镇受理信访8件，青溪镇党委高度重视。", "青溪镇"),
    ("en", None, "Zishi Township has integrated the township's stability maintenance.", "Zishi Township"),
    ("en", None, "Bailu Town accepted 31 petitions. Bailu Town and Heping Town held joint meetings.", "Bailu Town"),
    ("zh", None, "为改进祝楼乡干部作风，祝楼乡制定了接待日制度。", "祝楼乡"),
    ("zh", None, "成立全县首个乡镇调处中心——青溪镇调处中心，青溪镇党委高度重视。", "青溪镇"),
    ("zh", None, "沙坪镇镇长带队下村接访。", "沙坪镇"),
    ("zh", None, "马岭镇镇纪委开展专项督查。", "马岭镇"),
    ("zh", None, "六镇镇信访办受理来访，六镇镇党委高度重视。", "六镇镇"),
    ("en", "Summary of Petition Work of Qingshi Town in 2021", "Since the beginning of this year", "Qingshi Town"),
    ("en", None, "Bailu Town accepted 31 letters and visits from the masses.", "Bailu Town"),
    ("en", None, "Chengguan Subdistrict accepted 31 petitions.", "Chengguan Subdistrict"),
    ("en", None, "Shimenkan Township People's Government attaches importance to petitions.", "Shimenkan Township"),
    ("en", None, "In Heshan Town, a mediation room was set up beside the service hall.", "Heshan Town"),
    ("zh", None, "全县首个乡镇调解超市在白沙镇挂牌，白沙镇党委高度重视。", "白沙镇"),
    ("zh", None, "青溪街道网格员上门调解，事后上报街道，且街道综治中心跟进；青溪街道还建起调解室。", "青溪街道"),
    ("zh", None, "近年来，淮阴区林下街道推进综治中心建设，林下街道整合力量。", "林下街道"),
    ("zh", None, "上塘乡综治中心挂牌，上塘乡党委高度重视。", "上塘乡"),
    ("zh", None, "全区推行领导包案。近日，青岗镇调解室化解一起土地纠纷，全镇信访形势平稳，全镇无越级访。", "青岗镇"),
    ("en", None, "Liuxi sub-district opened a mediation hall. Liuxi sub-district now hears 30 cases a month.", "Liuxi sub-district"),
    ("en", None, "The Heping sub-district built a hall. The Heping sub-district heard 30 cases.", "Heping sub-district"),
]

NO_TOWNSHIP = [
    ("zh", "XX镇20XX年信访工作总结", "今年以来，我镇信访形势平稳。"),
    ("zh", None, "今年以来，我镇信访工作平稳，全镇共受理信访事项31件。"),
    ("zh", None, "全乡共受理信访事项31件，本乡无越级访。"),
    ("zh", "乡镇信访工作总结范文", "镇党委高度重视信访工作。"),
    ("zh", None, "全镇上下齐心协力，做好信访工作。"),
    ("en", None, "xx town is located in the southwest of xx county."),
    ("en", None, "XX Town is located in the north of the county."),
    ("en", None, "In 20XX, the petition work in our township was guided by the spirit of the congress."),
    ("en", None, "The town accepted 31 letters and visits from the masses."),
    ("en", None, "Our Town accepted 31 letters and visits."),
    ("zh", "XX乡20XX年上半年信访工作总结", "坚持乡领导每日轮流坐班接访。"),
    ("zh", None, "2021年上半年，我镇信访工作紧紧围绕镇党委、政府中心工作，依托镇综治中心化解矛盾。"),
    ("zh", None, "上半年发生集体访两起，均已在镇内妥善处置。"),
    ("zh", None, "今年以来，党委政府把镇村两级信访工作摆上重要位置。"),
    ("zh", None, "县委向镇派驻工作组。"),
    ("zh", None, "成立由镇党委书记任组长的领导小组。"),
    ("zh", None, "重点案件被镇里列为督办件。"),
    ("zh", None, "打好乡贤牌和乡亲牌，推动乡村振兴。"),
    ("zh", None, "同时利用镇区道路和副镇长带队宣传。"),
    ("zh", None, "做到小事不出村、难事不出镇。"),
    ("zh", None, "一是成立以乡为单位的调解小组。"),
    ("zh", None, "其中城乡结合部的矛盾较多。"),
    ("zh", None, "全县首个乡镇信访超市近日挂牌。"),
    ("zh", None, "县里派驻镇工作组进驻。"),
    ("zh", None, "有关材料已报至镇信访办。"),
    ("zh", None, "当年设镇群众工作站，由副镇长兼管。"),
    ("zh", None, "向镇党委汇报工作。"),
    ("zh", None, "全县多乡镇推行调解超市，多乡镇设立工作站。"),
    ("zh", None, "我们镇信访形势平稳，我们镇党委高度重视。"),
    ("zh", None, "今年全区信访总量下降一成。全区推行领导包案，其中青岗镇一起土地纠纷经三次调解化解，我区信访形势平稳。"),
    ("en", None, "The sub-district office held a meeting on petition work."),
]


TOWNSHIP_IDS = [
    "zh-zhen_in_title", "zh-zhen_in_opening", "zh-xiang", "zh-jiedao", "zh-jiedao_banshichu", "zh-minzuxiang",
    "zh-county_prefix_stripped", "zh-year_prefix_stripped", "zh-guanyu_prefix_stripped", "zh-folded_traditional",
    "zh-verb_name_trusted_in_title", "zh-name_after_a_verb_reference", "zh-xiang_prefix_kept",
    "zh-jiang_prefix_kept", "zh-verb_name_in_opening", "zh-ge_inside_a_name", "zh-xiang_inside_a_title_name",
    "zh-ge_inside_a_name_in_opening", "zh-repeated_name_wins", "zh-repeated_name_beats_a_neighbour",
    "en-township", "en-repeated_town_by_words", "zh-name_start_by_repetition", "zh-xiang_before_zhen_is_a_word",
    "zh-zhen_before_zhenzhang", "zh-zhen_before_zhenjiwei", "zh-doubled_zhen_name", "en-town_in_title", "en-town", "en-subdistrict", "en-township_government",
    "en-preposition_before_name", "zh-classifier_before_xiangzhen", "zh-street_said_again_beats_bare_jiedao",
    "zh-xia_inside_a_name", "zh-shang_opening_a_name", "zh-town_said_once_in_its_own_item", "en-lower_case_sub_district", "en-article_before_name",
]


@pytest.mark.parametrize("lang, title, opening, township", TOWNSHIPS, ids=TOWNSHIP_IDS)
def test_profile_township(lang, title, opening, township) -> None:
    assert extract_township(title, opening, lang) == township


NO_TOWNSHIP_IDS = [
    "zh-XX_zhen", "zh-wo_zhen", "zh-quan_xiang", "zh-xiangzhen", "zh-quan_zhen", "en-xx_town", "en-XX_Town",
    "en-our_township", "en-the_town", "en-Our_Town", "zh-XX_xiang_then_verb_xiang", "zh-verbs_before_zhen",
    "zh-zai_zhen_nei", "zh-ba_zhen", "zh-xiang_zhen_verb", "zh-you_zhen_coverb", "zh-bei_zhen_coverb",
    "zh-xiang_begins_a_word", "zh-zhenqu_and_zhenzhang", "zh-slogan_bu_chu_zhen",
    "zh-copula_and_preposition", "zh-qizhong_chengxiang", "zh-shouge_xiangzhen", "zh-paizhu_zhen", "zh-baozhi_zhen",
    "zh-she_zhen", "zh-xiang_zhen_at_start", "zh-generic_xiangzhen_with_a_word_before", "zh-women_zhen",
    "zh-district_item_names_a_town_once", "en-the_sub_district",
]


@pytest.mark.parametrize("lang, title, opening", NO_TOWNSHIP, ids=NO_TOWNSHIP_IDS)
def test_profile_no_township_or_placeholder_gives_none(lang, title, opening) -> None:
    assert extract_township(title, opening, lang) is None


def test_profile_record_keeps_the_township_as_written_in_traditional_characters(tmp_path: Path) -> None:
    path = tmp_path / "trad.txt"
    path.write_text("青石鎮2019年上半年信訪工作總結\n\n今年以來，我鎮共受理群眾來信來訪31件，辦結率為100%。\n", encoding="utf-8")
    [record] = process_path(path, classify=False).records
    assert record.township == "青石鎮"
    assert (record.period.year, record.period.half) == (2019, 1)


def test_profile_record_with_placeholder_township_has_none(tmp_path: Path) -> None:
    path = tmp_path / "template.txt"
    path.write_text("XX镇20XX年上半年信访工作总结\n\n今年以来，我镇共受理群众来信来访31件。\n", encoding="utf-8")
    [record] = process_path(path, classify=False).records
    assert record.township is None
    assert record.period == Period(raw="20XX")
    assert {p.surface for p in record.placeholders} >= {"XX", "20XX"}


@pytest.mark.parametrize("lang, template", [("zh", "今年以来，{}信访工作平稳。"), ("en", "{} accepted 31 petitions.")],
                         ids=["zh", "en"])
def test_profile_township_not_names_are_all_rejected(lang: str, template: str) -> None:
    for word in profile_cues(lang).raw.township.not_names:
        assert extract_township(None, template.format(word), lang) is None, word
