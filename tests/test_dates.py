import datetime

import pytest

from generator.content import dates
from generator.content.dates import EdtfError, display_day, parse_edtf, parse_published

D = datetime.date
FORMS = "write 2018-09, 2018-09-05, 2018-09-18/2018-09-20, 2018-09?, 2018-08~ or 2018-09-18/.."

# text, lower, upper, precision, display
FORMS_TABLE = [
    ("2018", D(2018, 1, 1), D(2018, 12, 31), 1, "2018"),
    ("2018-09", D(2018, 9, 1), D(2018, 9, 30), 2, "September 2018"),
    ("2018-09-05", D(2018, 9, 5), D(2018, 9, 5), 3, "5 September 2018"),
    ("0950-01-01", D(950, 1, 1), D(950, 1, 1), 3, "1 January 950"),
    ("2018-09-18/2018-09-20", D(2018, 9, 18), D(2018, 9, 20), 3, "18–20 September 2018"),
    ("2018-08-30/2018-09-02", D(2018, 8, 30), D(2018, 9, 2), 3, "30 August – 2 September 2018"),
    ("2018-12-30/2019-01-02", D(2018, 12, 30), D(2019, 1, 2), 3, "30 December 2018 – 2 January 2019"),
    ("2018-08/2018-09", D(2018, 8, 1), D(2018, 9, 30), 2, "August–September 2018"),
    ("2018-12/2019-01", D(2018, 12, 1), D(2019, 1, 31), 2, "December 2018 – January 2019"),
    ("2018/2019", D(2018, 1, 1), D(2019, 12, 31), 1, "2018–2019"),
    ("2018-09-05/2018-10", D(2018, 9, 5), D(2018, 10, 31), 3, "5 September 2018 – October 2018"),
    ("2018-09-18/2018-09-18", D(2018, 9, 18), D(2018, 9, 18), 3, "18 September 2018"),
    ("2018-09-18/..", D(2018, 9, 18), None, 3, "from 18 September 2018"),
    ("../2018-09-20", D(2018, 9, 20), D(2018, 9, 20), 3, "until 20 September 2018"),
    ("2018-09-18/", D(2018, 9, 18), D(2018, 9, 18), 3, "18 September 2018 – ?"),
    ("/2018-09-20", D(2018, 9, 20), D(2018, 9, 20), 3, "? – 20 September 2018"),
    ("2018-09/", D(2018, 9, 1), D(2018, 9, 30), 2, "September 2018 – ?"),
    ("2018-08-31~", D(2018, 8, 31), D(2018, 8, 31), 3, "c. 31 August 2018"),
    ("2018-08~", D(2018, 8, 1), D(2018, 8, 31), 2, "c. August 2018"),
    ("2018-09?", D(2018, 9, 1), D(2018, 9, 30), 2, "September 2018?"),
    ("2018-08%", D(2018, 8, 1), D(2018, 8, 31), 2, "c. August 2018?"),
    ("2018?", D(2018, 1, 1), D(2018, 12, 31), 1, "2018?"),
    ("2018-09-18~/2018-09-20", D(2018, 9, 18), D(2018, 9, 20), 3,
     "c. 18 September 2018 – 20 September 2018"),
    ("2018-09-18/2018-09-20?", D(2018, 9, 18), D(2018, 9, 20), 3,
     "18 September 2018 – 20 September 2018?"),
    ("2018-08~/2018-09%", D(2018, 8, 1), D(2018, 9, 30), 2, "c. August 2018 – c. September 2018?"),
    ("2018?/2019", D(2018, 1, 1), D(2019, 12, 31), 1, "2018?–2019"),
    ("2018-08~/..", D(2018, 8, 1), None, 2, "from c. August 2018"),
    ("../2018-09?", D(2018, 9, 1), D(2018, 9, 30), 2, "until September 2018?"),
    ("201X", D(2010, 1, 1), D(2019, 12, 31), 0, "2010s"),
    ("20XX", D(2000, 1, 1), D(2099, 12, 31), -1, "2000–2099"),
    ("201X?", D(2010, 1, 1), D(2019, 12, 31), 0, "2010s?"),
    ("2018-XX", D(2018, 1, 1), D(2018, 12, 31), 1, "2018"),
    ("2018-XX-XX", D(2018, 1, 1), D(2018, 12, 31), 1, "2018"),
    ("2018-09-XX", D(2018, 9, 1), D(2018, 9, 30), 2, "September 2018"),
    ("2016-02-XX", D(2016, 2, 1), D(2016, 2, 29), 2, "February 2016"),
    ("201X/202X", D(2010, 1, 1), D(2029, 12, 31), 0, "2010s–2020s"),
    ("2018-21", D(2018, 3, 1), D(2018, 5, 31), 2, "Spring 2018"),
    ("2018-22", D(2018, 6, 1), D(2018, 8, 31), 2, "Summer 2018"),
    ("2018-23", D(2018, 9, 1), D(2018, 11, 30), 2, "Autumn 2018"),
    ("2018-24", D(2018, 12, 1), D(2019, 2, 28), 2, "Winter 2018"),
    ("2019-24", D(2019, 12, 1), D(2020, 2, 29), 2, "Winter 2019"),
    ("2018-23~", D(2018, 9, 1), D(2018, 11, 30), 2, "c. Autumn 2018"),
    ("2018-21/2018-22", D(2018, 3, 1), D(2018, 8, 31), 2, "Spring–Summer 2018"),
    ("2018-23/2018-12", D(2018, 9, 1), D(2018, 12, 31), 2, "Autumn 2018 – December 2018"),
]


@pytest.mark.parametrize("text, lower, upper, precision, shown", FORMS_TABLE)
def test_reads_bounds_precision_and_display_of_every_form(text, lower, upper, precision, shown):
    edtf = parse_edtf(text)
    assert edtf.text == text
    assert (edtf.lower, edtf.upper, edtf.precision) == (lower, upper, precision)
    assert edtf.display() == shown
    assert edtf.is_interval == ("/" in text)


@pytest.mark.parametrize("text, uncertain, approximate", [
    ("2018-09", False, False),
    ("2018-09?", True, False),
    ("2018-08~", False, True),
    ("2018-08%", True, True),
    ("2018-09-18/2018-09-20?", True, False),
    ("2018-09-18~/..", False, True),
    ("2018-09-18?/2018-09-20~", True, True),
])
def test_reports_qualifiers_from_either_end(text, uncertain, approximate):
    edtf = parse_edtf(text)
    assert (edtf.uncertain, edtf.approximate) == (uncertain, approximate)


def test_keeps_the_text_as_written_without_surrounding_space():
    assert parse_edtf("  2018-09-05\n").text == "2018-09-05"


def test_gives_iso_days_of_both_bounds():
    edtf = parse_edtf("2018-09")
    assert (edtf.iso_start(), edtf.iso_end()) == ("2018-09-01", "2018-09-30")
    assert parse_edtf("2018-09-18/..").iso_end() is None
    assert parse_edtf("0005").iso_start() == "0005-01-01"


@pytest.mark.parametrize("text, precise", [
    ("2018-09-05", True),
    ("2018-09-05~", True),
    ("2018-09", False),
    ("2018-09-XX", False),
    ("2018-09-18/2018-09-20", True),
    ("2018-09-18/2018-10", False),
    ("2018-09-18/..", False),
    ("2018-09-18/", False),
    ("../2018-09-20", False),
])
def test_knows_when_a_date_is_precise_to_the_day(text, precise):
    assert parse_edtf(text).is_day_precise is precise


@pytest.mark.parametrize("text, day, inside", [
    ("2018-09", D(2018, 9, 1), True),
    ("2018-09", D(2018, 9, 30), True),
    ("2018-09", D(2018, 10, 1), False),
    ("2018-09", D(2018, 8, 31), False),
    ("2018-09-18/2018-09-20", D(2018, 9, 19), True),
    ("2018-09-18/2018-09-20", D(2018, 9, 21), False),
    ("2018-09-18/..", D(2030, 1, 1), True),
    ("2018-09-18/..", D(2018, 9, 17), False),
    ("../2018-09-20", D(2001, 1, 1), True),
    ("../2018-09-20", D(2018, 9, 21), False),
    ("2018-09-18/", D(2018, 9, 18), True),
    ("2018-24", D(2019, 2, 1), True),
])
def test_knows_which_days_a_date_contains(text, day, inside):
    assert parse_edtf(text).contains_day(day) is inside


def test_sorts_day_before_month_before_year_on_the_same_first_day():
    texts = ["201X", "2010", "2010-01", "2010-01-01", "2010-01-01/2010-01-05"]
    ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
    assert ordered == ["2010-01-01", "2010-01-01/2010-01-05", "2010-01", "2010", "201X"]
    assert parse_edtf("2018-01-01").sort_key() == (D(2018, 1, 1), -3)


def test_sorts_by_earliest_day_then_precision():
    texts = ["2018-09-05", "2018-08-31~", "2018-09", "2018-08", "../2018-08-15",
             "2018-23", "2018-09-01", "2018-08-20/..", "2018"]
    ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
    assert ordered == ["2018", "2018-08", "../2018-08-15", "2018-08-20/..", "2018-08-31~",
                       "2018-09-01", "2018-09", "2018-23", "2018-09-05"]


def test_sorts_an_approximate_day_by_the_day_written():
    assert parse_edtf("2018-08-31~").sort_key() == parse_edtf("2018-08-31").sort_key()


@pytest.mark.parametrize("text, message", [
    ("2018-02-30", "'2018-02-30' is not a valid date: February 2018 has 28 days"),
    ("2019-02-29", "'2019-02-29' is not a valid date: February 2019 has 28 days"),
    ("2018-04-31", "'2018-04-31' is not a valid date: April 2018 has 30 days"),
    ("2018-09-00", "'2018-09-00' is not a valid date: there is no day 00; September 2018 has 30 days"),
    ("2018-13", "'2018-13' is not a valid date: there is no month 13; "
                "months run from 01 to 12, and seasons from 21 (spring) to 24 (winter)"),
    ("2018-13-01", "'2018-13-01' is not a valid date: there is no month 13; months run from 01 to 12"),
    ("2018-00", "'2018-00' is not a valid date: there is no month 00; "
                "months run from 01 to 12, and seasons from 21 (spring) to 24 (winter)"),
    ("2018-21-05", "'2018-21-05' is not a valid date: 21 is a season, which has no day; "
                   "write 2018-21 alone"),
    ("2018-09-20/2018-09-18", "interval '2018-09-20/2018-09-18' ends before it starts"),
    ("2018-10/2018-09", "interval '2018-10/2018-09' ends before it starts"),
    ("Sept 2018", f"'Sept 2018' is not an EDTF date; {FORMS}"),
    ("next week", f"'next week' is not an EDTF date; {FORMS}"),
    ("", f"the date is empty; {FORMS}"),
    ("2018-09-06T15:18:00+09:00",
     "'2018-09-06T15:18:00+09:00' is a date and time; event dates take no time of day, so write "
     "the day alone (2018-09-06) or an interval of days (2018-09-18/2018-09-20)"),
    ("2018-09-06 15:18",
     "'2018-09-06 15:18' is a date and time; event dates take no time of day, so write "
     "the day alone (2018-09-06) or an interval of days (2018-09-18/2018-09-20)"),
    ("Y12345", "'Y12345' is not a supported date: years run from 0001 to 9999, "
               "so long years are not supported"),
    ("-0044", "'-0044' is not a supported date: years run from 0001 to 9999, "
              "so negative years are not supported"),
    ("0000", "'0000' is not a supported date: years run from 0001 to 9999"),
    ("2018/09/05", "'2018/09/05' is not an EDTF date: year, month and day are separated by hyphens "
                   f"(2018-09-05) and a slash only separates the two ends of an interval; {FORMS}"),
    ("05/09/2018", "'05/09/2018' is not an EDTF date: year, month and day are separated by hyphens "
                   f"(2018-09-05) and a slash only separates the two ends of an interval; {FORMS}"),
    ("2018-9-5", "'2018-9-5' is not an EDTF date: a year has four digits and a month or day two, "
                 f"separated by hyphens, as in 2018-09-05; {FORMS}"),
    ("2018-09-05!", f"'2018-09-05!' is not an EDTF date: '!' is not allowed; {FORMS}"),
    ("2018-09-18 / 2018-09-20", "'2018-09-18 / 2018-09-20' is not an EDTF date: "
                                f"spaces are not allowed inside a date or interval; {FORMS}"),
    ("201x", "'201x' is not an EDTF date: unspecified digits are written with a capital X, "
             f"as in 201X; {FORMS}"),
    ("201X-09", "'201X-09' is not an EDTF date: unspecified digits (X) may only replace the last "
                f"digits of a date: 201X, 20XX, 2018-XX or 2018-09-XX; {FORMS}"),
    ("2018-XX-05", "'2018-XX-05' is not an EDTF date: unspecified digits (X) may only replace the "
                   f"last digits of a date: 201X, 20XX, 2018-XX or 2018-09-XX; {FORMS}"),
    ("2018-09?~", "'2018-09?~' is not an EDTF date: use one qualifier at the end: "
                  f"? uncertain, ~ approximate, % both; {FORMS}"),
    ("2018-?09", "'2018-?09' is not an EDTF date: a qualifier goes at the end of the date, "
                 f"as in 2018-09?; qualifying one part of a date is not supported; {FORMS}"),
    ("..", "'..' is not an EDTF date: '..' stands alone for an open end of an interval, "
           f"as in 2018-09-18/.. or ../2018-09-20; {FORMS}"),
    ("../..", "interval '../..' has no date at either end; write a date on at least one side, "
              "as in 2018-09-18/.. or ../2018-09-20"),
    ("/", "interval '/' has no date at either end; write a date on at least one side, "
          "as in 2018-09-18/.. or ../2018-09-20"),
    ("2018/2019/2020", "'2018/2019/2020' is not an EDTF date: an interval has exactly one '/' "
                       f"between its start and its end; {FORMS}"),
    ("2018-02-30/2018-03-02", "'2018-02-30' is not a valid date: February 2018 has 28 days"),
])
def test_rejects_bad_dates_with_a_plain_message(text, message):
    with pytest.raises(EdtfError) as caught:
        parse_edtf(text)
    assert str(caught.value) == message


def test_rejects_thirtieth_of_february():
    with pytest.raises(EdtfError, match="February 2018 has 28 days"):
        parse_edtf("2018-02-30")


def test_accepts_twenty_ninth_of_february_in_leap_years():
    assert parse_edtf("2016-02-29").lower == D(2016, 2, 29)
    assert parse_edtf("2000-02-29").lower == D(2000, 2, 29)
    with pytest.raises(EdtfError, match="February 1900 has 28 days"):
        parse_edtf("1900-02-29")


def test_rejects_interval_that_ends_before_it_starts():
    with pytest.raises(EdtfError, match=r"^interval '2018-09-20/2018-09-18' ends before it starts$"):
        parse_edtf("2018-09-20/2018-09-18")


def test_accepts_interval_whose_coarser_end_can_still_follow_the_start():
    assert parse_edtf("2018-09-20/2018-09").upper == D(2018, 9, 30)


def test_error_is_a_value_error():
    assert issubclass(EdtfError, ValueError)


@pytest.mark.parametrize("day, shown", [
    (D(2018, 9, 5), "5 September 2018"),
    (D(2019, 1, 31), "31 January 2019"),
    (D(950, 12, 1), "1 December 950"),
])
def test_displays_a_day_without_leading_zeros(day, shown):
    assert display_day(day) == shown


@pytest.mark.parametrize("text, expected", [
    ("2018-09-06", D(2018, 9, 6)),
    ("2018-09-06T15:18:00+09:00", datetime.datetime(
        2018, 9, 6, 15, 18, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))),
    ("2018-09-06T15:18:00-04:30", datetime.datetime(
        2018, 9, 6, 15, 18, tzinfo=datetime.timezone(-datetime.timedelta(hours=4, minutes=30)))),
    ("2018-09-06T06:18:00Z", datetime.datetime(2018, 9, 6, 6, 18, tzinfo=datetime.timezone.utc)),
    ("2018-09-06T15:18", datetime.datetime(2018, 9, 6, 15, 18)),
    ("2018-09-06T15:18:00.250+0900", datetime.datetime(
        2018, 9, 6, 15, 18, 0, 250000, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))),
])
def test_reads_published_dates_and_date_times_with_offsets(text, expected):
    value = parse_published(text)
    assert value == expected and type(value) is type(expected)
    if isinstance(expected, datetime.datetime):
        assert value.utcoffset() == expected.utcoffset()


def test_published_offsets_name_the_same_instant():
    assert parse_published("2018-09-06T15:18:00+09:00") == parse_published("2018-09-06T06:18:00Z")


@pytest.mark.parametrize("text, message", [
    ("6 Sept 2018", "'6 Sept 2018' is not an ISO 8601 date or date-time; write 2018-09-06, "
                    "2018-09-06T15:18:00+09:00 or 2018-09-06T06:18:00Z"),
    ("2018-09", "'2018-09' is not an ISO 8601 date or date-time; write 2018-09-06, "
                "2018-09-06T15:18:00+09:00 or 2018-09-06T06:18:00Z"),
    ("2018-02-30T10:00", "'2018-02-30T10:00' is not a valid date: February 2018 has 28 days"),
    ("2018-09-06T25:00", "'2018-09-06T25:00' is not a valid time: hours run from 00 to 23, "
                         "minutes and seconds from 00 to 59"),
    ("2018-09-06T10:00+24:00", "'2018-09-06T10:00+24:00' has an impossible time-zone offset: "
                               "offsets run from -23:59 to +23:59"),
])
def test_rejects_bad_published_dates_with_a_plain_message(text, message):
    with pytest.raises(EdtfError) as caught:
        parse_published(text)
    assert str(caught.value) == message


def test_exports_the_public_api():
    assert all(hasattr(dates, name) for name in dates.__all__)
