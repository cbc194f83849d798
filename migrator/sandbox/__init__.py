"""``psmigrate sandbox``: a local service that answers as Adobe's Photoshop API v2 does.

:mod:`migrator.sandbox.service` is the framework-free core (routes, validation, jobs, faults,
recording); :mod:`.server` puts it on aiohttp for ``psmigrate sandbox``; :mod:`.pytest_plugin`
routes ``requests``, ``httpx`` and ``aiohttp`` traffic to it inside a test process;
:mod:`.testing` runs the real server in a subprocess for tests.
"""

from migrator.sandbox.service import Answer, Options, Sandbox

__all__ = ["Answer", "Options", "Sandbox"]
