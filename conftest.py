"""The standing personas of style.md: two desk staff at Main, one at Eastside, a supervisor
at Main, the Director, and the IT administrator. Each is signed in through its own client
fixture (`desk_client`, ...)."""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from staff import roles
from staff.current import SESSION_KEY
from staff.tests.factories import BranchFactory, ServicePointFactory, UserFactory
from staff.tests.triggers import flush_past_the_access_record_triggers  # noqa: F401  (an autouse fixture)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what another test cached (checklist items of
    rows its rollback removed) is not this test's (servicedesk/lib/shared_cache.py)."""
    cache.clear()


@pytest.fixture
def main_branch(db):
    return BranchFactory(name="Main", code="main")


@pytest.fixture
def east_branch(db):
    return BranchFactory(name="Eastside", code="east")


@pytest.fixture
def reference_desk(main_branch):
    return ServicePointFactory(branch=main_branch, name="Reference desk", kind="reference")


@pytest.fixture
def circulation_desk(main_branch):
    return ServicePointFactory(branch=main_branch, name="Circulation desk", kind="circulation")


@pytest.fixture
def east_desk(east_branch):
    return ServicePointFactory(branch=east_branch, name="Eastside desk", kind="circulation")


@pytest.fixture
def desk(main_branch):
    return UserFactory(username="desk", roles=[roles.DESK], branches=[main_branch])


@pytest.fixture
def desk2(main_branch):
    return UserFactory(username="desk2", roles=[roles.DESK], branches=[main_branch])


@pytest.fixture
def eastdesk(east_branch):
    return UserFactory(username="eastdesk", roles=[roles.DESK], branches=[east_branch])


@pytest.fixture
def supervisor(main_branch):
    return UserFactory(username="supervisor", roles=[roles.SUPERVISOR, roles.DESK], branches=[main_branch])


@pytest.fixture
def director(main_branch):
    return UserFactory(username="director", roles=[roles.DIRECTOR], branches=[main_branch])


@pytest.fixture
def itadmin(db):
    return UserFactory(username="itadmin", roles=[roles.ADMINISTRATOR], is_staff=True)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def desk_client(desk):
    return _client_for(desk)


@pytest.fixture
def desk2_client(desk2):
    return _client_for(desk2)


@pytest.fixture
def eastdesk_client(eastdesk):
    return _client_for(eastdesk)


@pytest.fixture
def supervisor_client(supervisor):
    return _client_for(supervisor)


@pytest.fixture
def director_client(director):
    return _client_for(director)


@pytest.fixture
def itadmin_client(itadmin):
    return _client_for(itadmin)


@pytest.fixture
def at_service_point():
    """Put a signed-in client at a service point, as choosing it in the header does."""

    def put(client, service_point):
        session = client.session
        session[SESSION_KEY] = service_point.pk
        session.save()
        return client

    return put


@pytest.fixture
def desk_at_reference(desk_client, reference_desk, at_service_point):
    """Desk staff signed in, working at Main's reference desk."""
    return at_service_point(desk_client, reference_desk)


# Browser tests --------------------------------------------------------------------------
# Debian's Chromium, driven by Playwright; never a downloaded browser. Name no other test
# argument `page`: pytest-playwright would take the test for a browser test and run it
# among them, after live-server tests have emptied the database.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _restore_migrated_data(request):
    """Live-server tests empty the database after each test, taking with it what the data
    migrations made. Django's serialized rollback cannot bring it back here (Playwright's
    greenlet sees other connection objects), so make it again with the migrations' own code."""
    if "browser" in request.keywords:
        request.getfixturevalue("migrated_data")


@pytest.fixture
def migrated_data(transactional_db):
    """What the data migrations made (roles, kinds, the policy and its checklists), made again
    where missing: a test on real transactions runs after others that emptied the database."""
    from django.apps import apps

    import_module("staff.migrations.0002_create_roles").create_groups(apps)
    import_module("interactions.migrations.0002_seed_interaction_kinds").seed_kinds(apps, None)
    import_module("feedback.migrations.0002_reply_templates").create(apps, None)
    import_module("feedback.migrations.0005_card_reply_template").create(apps, None)
    import_module("feedback.migrations.0008_reply_templates_next_step").to_placeholder(apps, None)
    import_module("feedback.migrations.0009_letters_signed_by_their_sender").drop_branch_signature(apps, None)
    import_module("feedback.migrations.0010_appeal_decision_letter").create(apps, None)
    import_module("policy.migrations.0002_load_customer_service_policy").load_policy(apps, None)
    checklists = import_module("policy.migrations.0004_principle_keys_and_checklists")
    checklists.key_principles(apps, None)
    checklists.seed_checklists(apps, None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"CI needs Debian's chromium at {CHROMIUM} for the browser tests (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real sign-in page, as a person would."""

    def sign_in_as(user, password="demo"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        return page

    return sign_in_as


@pytest.fixture
def at_the_desk(sign_in, reference_desk):
    """Signed in and working at Main's reference desk, as desk staff are all day."""
    from playwright.sync_api import expect

    def sign_in_at_desk(user):
        page = sign_in(user)
        # Desk staff land on the choice; supervisors and the Director on their branch's day.
        page.locator("#current-service-point").get_by_role("link", name="Choose your service point").click()
        page.get_by_label("Main — Reference desk").check()
        page.get_by_role("button", name="Work here").click()
        expect(page.locator("#current-service-point")).to_contain_text("Reference desk")
        return page

    return sign_in_at_desk


@pytest.fixture
def csp_violations(page):
    """Every Content-Security-Policy violation the page reports, to assert there are none."""
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    return violations


WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def assert_accessible():
    """axe-core finds no WCAG 2.x A or AA violation on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    def check(page):
        # Measure the page at rest: no hover under the mouse, no colour transition under way.
        page.mouse.move(0, 0)
        page.emulate_media(reduced_motion="reduce")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
        assert results.violations_count == 0, results.generate_report()

    return check
