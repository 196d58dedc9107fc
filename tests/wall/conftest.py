# The real-socket server, for the wall tests of what arrives live.
from tests.realtime.conftest import http, live, send_buffer  # noqa: F401
