"""The web frontend: static files from frontend/, one page for every client-side path, security headers."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.convertors import Convertor, register_url_convertor
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"

# 'self' in connect-src covers ws: and wss: to this origin (CSP level 3). Nothing is inline, nothing
# comes from elsewhere, and no page may frame ours.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # Files carry no version in their names, so browsers check for a newer one each time (cheap: ETag).
    "Cache-Control": "no-cache",
}
HSTS = "max-age=31536000; includeSubDomains"


def _secure(response: Response, *, https: bool) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if https:
        response.headers["Strict-Transport-Security"] = HSTS
    return response


class _Assets(StaticFiles):
    def __init__(self, *, directory: Path, https: bool):
        super().__init__(directory=directory)
        self.https = https

    async def get_response(self, path: str, scope: Scope) -> Response:
        return _secure(await super().get_response(path, scope), https=self.https)


class _PagePath(Convertor[str]):
    """A client-side path: anything outside /api with no dot in it (a dot would name a file)."""

    regex = r"(?!api(?:/|$))[^.]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("page", _PagePath())


def mount_frontend(app: FastAPI, *, https: bool) -> None:
    """Added after the API routes; other paths under /api, and missing files, still answer the API's 404."""
    index = FRONTEND / "index.html"
    app.mount("/assets", _Assets(directory=FRONTEND / "assets", https=https), name="assets")

    @app.api_route("/{path:page}", methods=["GET", "HEAD"], include_in_schema=False)
    async def page(path: str) -> Response:
        return _secure(FileResponse(index, media_type="text/html; charset=utf-8"), https=https)
