"""Debian's Chromium, driven by Playwright, against the app on a free port; axe-core checks every screen.

Playwright never downloads a browser here: it launches the system's Chromium by its path. Without
Chromium or axe-core these tests skip with the reason, except under CI, where they must run.
"""

import asyncio
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Locator, Page, async_playwright, expect

from tests.conftest import PASSWORD
from tests.realtime.conftest import LiveServer, live, send_buffer  # noqa: F401 - fixtures reused here

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_RESULTS = ARTIFACTS / "axe"
AXE = ARTIFACTS / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("ALONGSIDE_CHROMIUM", "/usr/bin/chromium"))
# As root in a container: no sandbox, no GPU, and nothing that reaches out to the network by itself.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Served to the page from its own origin by a route, so the page's CSP (no inline script) still holds.
AXE_URL_PATH = "/__test__/axe.min.js"
DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 360, "height": 740}
expect.set_options(timeout=8000)


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(ARTIFACTS),
                "--no-save",
                "--no-audit",
                "--no-fund",
                "axe-core@4",
            ],
            capture_output=True,
            timeout=300,
            check=False,
        )
    if not AXE.exists():
        unavailable(f"axe-core is not at {AXE} (npm install --prefix test-artifacts axe-core@4)")
    return AXE


@pytest.fixture(scope="session")
async def browser(axe_path: Path) -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        await launched.close()


Opener = Callable[..., Awaitable[Page]]


@pytest.fixture
async def open_page(browser: Browser, live: LiveServer, axe_path: Path) -> AsyncIterator[Opener]:  # noqa: F811
    """Opens a page in a new browser context (its own cookies: one member each)."""
    contexts: list[BrowserContext] = []

    async def opener(*, viewport: dict[str, int] = DESKTOP, color_scheme: str = "light") -> Page:
        context = await browser.new_context(
            base_url=live.base_url, viewport=viewport, color_scheme=color_scheme, reduced_motion="reduce"
        )
        await context.route(
            f"{live.base_url}{AXE_URL_PATH}",
            lambda route: route.fulfill(path=axe_path, content_type="text/javascript"),
        )
        context.set_default_timeout(8000)
        contexts.append(context)
        page = await context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    errors: list[str] = []
    yield opener
    for context in contexts:
        await context.close()
    assert not errors, f"errors in the page's JavaScript: {errors}"


async def check_screen(page: Page, name: str, *, full_page: bool = True) -> list[dict[str, Any]]:
    """Screenshot the screen and run axe on it; serious or critical findings fail the test."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.add_script_tag(url=AXE_URL_PATH)
    violations = await page.evaluate(
        """async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            }));
        }"""
    )
    (AXE_RESULTS / f"{name}.json").write_text(json.dumps(violations, indent=2))
    serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert not serious, f"axe on {name}: {json.dumps(serious, indent=2)}"
    return violations


async def join_by_api(page: Page, pseudonym: str) -> None:
    """A member signed in on this page's browser context, without going through the join screen."""
    rules = await (await page.request.get("/api/v1/rules")).json()
    response = await page.request.post(
        "/api/v1/auth/join",
        data={"pseudonym": pseudonym, "password": PASSWORD, "agreed_rules_version": rules["version"]},
    )
    assert response.status == 201, await response.text()


async def sockets_reach(live: LiveServer, count: int) -> None:  # noqa: F811
    """Waits until the server holds `count` live sockets, so nothing sent from now on is missed."""
    for _ in range(200):
        if live.app.state.hub.connection_count == count:
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"the server has {live.app.state.hub.connection_count} sockets, not {count}")


async def member_on(
    open_page: Opener,
    live: LiveServer,  # noqa: F811
    pseudonym: str,
    path: str = "/wall",
    **options: Any,
) -> Page:
    """A new member, signed in, looking at `path` with the live stream connected."""
    page = await open_page(**options)
    await join_by_api(page, pseudonym)
    sockets = live.app.state.hub.connection_count
    await page.goto(path)
    await expect(page.locator("h1")).to_be_visible()
    await sockets_reach(live, sockets + 1)
    return page


async def write_post(page: Page, body: str, *, kind: str | None = None, warning: str | None = None) -> None:
    composer = page.locator("form.composer")
    if kind:
        await composer.get_by_label("Kind of post").select_option(label=kind)
    await composer.get_by_label("What would you like to share?").fill(body)
    if warning:
        await composer.get_by_label("Content warning (optional)").fill(warning)
    await composer.get_by_role("button", name="Post").click()
    await expect(page.locator("article.post").filter(has_text=body).first).to_be_visible()


def post_card(page: Page, text: str) -> Locator:
    return page.locator("article.post").filter(has_text=text)
