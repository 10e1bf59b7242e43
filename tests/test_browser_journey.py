"""The issue's "done when": from the home page to the right battle-card answer, and to a
filtered, shareable case-study list, in a few clicks, in a real browser.
"""
from browserkit import new_page
from conftest import REPO

from pmmhub.relate.catalog import load

CATALOG = load(REPO / "data")


def test_home_to_a_battle_card_answer_on_the_clipboard(browser, site_url):
    card = CATALOG.get("battlecard", "shuheng-metricone")
    with new_page(browser, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(f"{site_url}/")
        page.click(f'#by-competitor ~ .hub-competitors tr[data-hub-id="{card.id}"] a')  # click 1: the competitor
        page.wait_for_url(f"**/battlecards/{card.id}/")
        page.locator(".hub-answer > .hub-copy__button").first.click()  # click 2: copy the first answer
        page.wait_for_selector(".hub-copy__button--done")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() and copied.split("\n")[0][:20] in card.entity.objections[0].response.replace("**", "")


def test_home_to_a_filtered_case_study_list_that_can_be_shared(browser, site_url):
    expected = sorted(r.id for r in CATALOG.all("case-study")
                      if r.entity.customer.industry == "retail" and r.entity.approvals.reference_calls)
    with new_page(browser) as page:
        page.goto(f"{site_url}/")
        page.click('.md-nav__link[href$="case-studies/"]')  # click 1: the case studies
        page.check('.hub-facet input[name="industry"][value="retail"]')  # click 2: retail
        page.check('.hub-facet input[name="reference_calls"][value="yes"]')  # click 3: takes reference calls
        shared = page.url
    assert shared.endswith("/case-studies/?industry=retail&reference_calls=yes")
    with new_page(browser) as colleague:  # the link, opened by a colleague
        colleague.goto(shared)
        colleague.wait_for_selector(".hub-finder__results [data-hub-id]")
        found = colleague.eval_on_selector_all(".hub-finder__results [data-hub-id]", "els => els.map(e => e.dataset.hubId)")
        assert expected and sorted(found) == expected
