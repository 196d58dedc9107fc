"""Contact details, kind by kind, and the help lines and ordinary numbers that are not contact details."""

import pytest

from app.moderation.screening import Action, CheckKind, CheckSpec, compile_checks

ALL = compile_checks([CheckSpec(1, 5, CheckKind.contact_details, Action.nudge)])


def found(text: str) -> list[str]:
    return [excerpt for hit in ALL.screen(text).hits for excerpt in hit.excerpts]


def only(kind: str, text: str) -> list[str]:
    checks = compile_checks(
        [CheckSpec(1, 5, CheckKind.contact_details, Action.nudge, contact_kinds=frozenset({kind}))]
    )
    return [text[start:end] for hit in checks.screen(text).hits for start, end in hit.spans]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("mail me at jo.bloggs@gmail.com", "jo.bloggs@gmail.com"),
        ("jo.bloggs at gmail dot com", "jo.bloggs at gmail dot com"),
        ("jo (at) hotmail (dot) co (dot) uk", "jo (at) hotmail (dot) co (dot) uk"),
        ("ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    ],
)
def test_emails_are_found(text, detail):
    assert only("email", text) == [detail]


def test_at_in_a_sentence_is_not_an_email():
    assert only("email", "I was at work. co-workers were kind") == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("call me on 07912 345678", "07912 345678"),
        ("ring +44 7912 345 678 later", "+44 7912 345 678"),
        ("07912-345-678", "07912-345-678"),
        ("07912.345.678", "07912.345.678"),
        ("(0161) 496 0000", "(0161) 496 0000"),
        ("london 020 7946 0018", "020 7946 0018"),
        ("0 7 9 1 2 3 4 5 6 7 8", "0 7 9 1 2 3 4 5 6 7 8"),
        ("my cousin is on +1 212 555 0100", "+1 212 555 0100"),
    ],
)
def test_phone_numbers_are_found(text, detail):
    assert only("phone", text) == [detail]


@pytest.mark.parametrize(
    "text",
    [
        "Samaritans are on 116 123",
        "text SHOUT to 85258",
        "call 111 or 999",
        "Papyrus 0800 068 4141",
        "CALM 0800 58 58 58",
        "Childline 0800 1111",
    ],
)
def test_help_lines_are_not_contact_details(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    ["see you at 3.30pm", "since 2024-05-01", "I lost 3.5 stone", "12/05/2024 10:30", "12345678 steps"],
)
def test_times_dates_and_numbers_are_not_phones(text):
    assert only("phone", text) == []


@pytest.mark.parametrize(("text", "detail"), [("I live at SW1A 1AA", "SW1A 1AA"), ("near m1 1ae", "m1 1ae")])
def test_postcodes_are_found(text, detail):
    assert only("postcode", text) == [detail]


def test_ordinals_are_not_postcodes():
    assert only("postcode", "played my mp3 3rd time") == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("come to 12 Acacia Road", "12 Acacia Road"),
        ("flat 3, 45 High St", "flat 3, 45 High St"),
        ("10 Downing Street", "10 Downing Street"),
    ],
)
def test_street_addresses_are_found(text, detail):
    assert only("street_address", text) == [detail]


@pytest.mark.parametrize("text", ["I walked 5 miles down the road", "I have 2 close friends"])
def test_numbers_in_prose_are_not_addresses(text):
    assert only("street_address", text) == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("see https://example.com/page", "https://example.com/page"),
        ("www.example.org", "www.example.org"),
        ("try example.co.uk today", "example.co.uk"),
    ],
)
def test_links_are_found(text, detail):
    assert only("link", text) == [detail]


@pytest.mark.parametrize("text", ["e.g. this, i.e. that", "version 3.5", "so tired.me too", "go to nhs.uk"])
def test_abbreviations_numbers_and_help_sites_are_not_links(text):
    assert only("link", text) == []


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("follow @someone_x", "@someone_x"),
        ("my insta is someone", "my insta is someone"),
        ("add me on snapchat: jo_b", "add me on snapchat: jo_b"),
    ],
)
def test_social_handles_are_found(text, detail):
    assert only("social_handle", text) == [detail]


def test_email_is_not_also_a_handle_or_link():
    assert [(hit.excerpts) for hit in ALL.screen("me@example.com").hits] == [("me@example.com",)]


def test_switched_off_kind_is_not_reported():
    checks = compile_checks(
        [CheckSpec(1, 5, CheckKind.contact_details, Action.nudge, contact_kinds=frozenset({"email"}))]
    )
    assert checks.screen("call 07912 345678").hits == ()


def test_unknown_contact_kind_is_refused():
    with pytest.raises(ValueError, match="contact kinds"):
        compile_checks(
            [CheckSpec(1, 5, CheckKind.contact_details, Action.nudge, contact_kinds=frozenset({"fax"}))]
        )
