"""Adobe's v1 SDKs for JavaScript, which never moved to v2: each method is named by the v1
endpoint it calls (the SDKs' own sources), and its v2 home comes from ``rules/`` through
``codemod.urls.target``, so the report names the v2 operation and the host serving it."""

from __future__ import annotations

PACKAGES = ("@adobe/aio-lib-photoshop-api", "@adobe/photoshop-apis", "@adobe/lightroom-apis")

# method → the v1 endpoint it calls
_PHOTOSHOP = {
    "createCutout": "/sensei/cutout", "createMask": "/sensei/mask",
    "straighten": "/lrService/autoStraighten", "autoTone": "/lrService/autoTone", "editPhoto": "/lrService/edit",
    "applyPreset": "/lrService/presets", "applyPresetXmp": "/lrService/xmp",
    "createDocument": "/pie/psdService/documentCreate", "getDocumentManifest": "/pie/psdService/documentManifest",
    "modifyDocument": "/pie/psdService/documentOperations", "createRendition": "/pie/psdService/renditionCreate",
    "replaceSmartObject": "/pie/psdService/smartObject", "applyPhotoshopActions": "/pie/psdService/photoshopActions",
    "applyPhotoshopActionsJson": "/pie/psdService/actionJSON", "pollUntilDone": "/pie/psdService/status",
    "playPhotoshopActions": "/pie/psdService/photoshopActions", "playPhotoshopActionsJson": "/pie/psdService/actionJSON",
    "applyAutoCrop": "/pie/psdService/productCrop", "applyDepthBlur": "/pie/psdService/depthBlur",
    "editTextLayer": "/pie/psdService/text", "createArtboard": "/pie/psdService/artboardCreate",
    "removeBackground": "/sensei/cutout", "psJobStatus": "/pie/psdService/status", "senseiJobStatus": "/sensei/status",
    "autoStraightenImage": "/lrService/autoStraighten", "applyAutoTone": "/lrService/autoTone",
    "applyEdits": "/lrService/edit", "applyPresetFromXmpContent": "/lrService/xmp", "lrJobStatus": "/lrService/status",
    "convertToActionsJson": "/pie/psdService/actionJsonCreate",
}

# The Firefly Services SDKs' clients and the methods each has, with the v1 endpoint it POSTs its
# first argument to, unchanged (npm @adobe/photoshop-apis 1.0.0 and 2.0.1, dist/src/Photoshop.js
# and PhotoshopAsyncClient.js; @adobe/lightroom-apis 1.0.0, dist/Lightroom.js and
# LightroomAsyncClient.js). The `*Async` forms and the status getters live on an internal client
# (`_photoshopAsyncClient`, `_lrAsyncClient`), which neither package exports.
FIREFLY = {
    "@adobe/photoshop-apis": ("PhotoshopClient", (
        "getDocumentManifest", "createDocument", "modifyDocument", "createRendition", "replaceSmartObject",
        "playPhotoshopActions", "playPhotoshopActionsJson", "convertToActionsJson", "applyAutoCrop",
        "applyDepthBlur", "editTextLayer", "createArtboard", "removeBackground", "createMask")),
    "@adobe/lightroom-apis": ("LightroomClient", (
        "autoStraightenImage", "applyAutoTone", "applyEdits", "applyPreset", "applyPresetFromXmpContent")),
}


def v1_endpoint(method: str) -> str | None:
    base = method[:-5] if method.endswith("Async") else method
    return _PHOTOSHOP.get(base)


def v2_of(method: str) -> tuple[str, str | None, str]:
    """(v1 endpoint, v2 path or None, why there is none / the host serving it)."""
    from migrator.codemod.urls import target

    v1 = v1_endpoint(method)
    found = target(v1) if v1 else None
    if found is None:
        return v1 or "?", None, "no v2 equivalent is known"
    if found.v2 is None:
        return v1, None, found.why_not or "no v2 equivalent"
    return v1, found.v2, found.host
