"""psmigrate: move Adobe Photoshop/Lightroom API v1 payloads and code to the v2 API."""

__version__ = "0.1.0"
