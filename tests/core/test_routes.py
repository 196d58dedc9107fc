"""Routes match in the order they are declared: a fixed path must come before any path with a parameter
that would also match it, or the fixed one could never be reached."""

from fastapi.routing import APIRoute

from app.main import create_app
from tests.conftest import make_settings


def test_no_route_is_shadowed_by_an_earlier_route_with_a_parameter():
    app = create_app(make_settings("sqlite+aiosqlite:///unused.db"))
    routes = [route for route in app.router.routes if isinstance(route, APIRoute)]
    assert len(routes) > 100
    shadowed = [
        f"{sorted(route.methods)} {route.path} (by {earlier.path})"
        for index, route in enumerate(routes)
        for earlier in routes[:index]
        if earlier.methods & route.methods and earlier.path_regex.match(route.path)
    ]
    assert shadowed == []
