#!/usr/bin/env python3
"""Generate the strict JSON Schemas (draft 2020-12) of the Photoshop v2 request bodies.

Usage::

    .venv/bin/python tools/gen_schemas.py [--spec-dir DIR] [--out-dir DIR] [--check]

The generator reads Adobe's OpenAPI 3.0.1 description of the v2 API (by default from
``../shared/reference/adobe`` relative to the repository root) and writes one
self-contained schema per request body to ``schemas/<Component>.json`` plus
``schemas/index.json`` (v2 path -> schema file name).  The migrator ships and reads only
the files under ``schemas/``; nothing at run time touches the reference directory.

``--check`` regenerates in memory and exits 1 when the committed files differ (or when a
stale schema file lies around), so CI notices a hand edit or a spec update.

Translation OpenAPI 3.0 -> JSON Schema 2020-12
----------------------------------------------
* ``$ref: #/components/schemas/X`` -> ``$ref: #/$defs/X``; every schema carries the
  transitive closure of the components it uses under ``$defs`` (sorted by name).
* ``nullable: true`` -> ``"null"`` added to ``type`` (and to ``enum``).
* boolean ``exclusiveMinimum``/``exclusiveMaximum`` (3.0 style) -> numeric 2020-12 form
  (``true`` moves the bound over, ``false`` is dropped).
* ``discriminator``, ``example``, ``xml``, ``externalDocs`` are dropped (OpenAPI only);
  ``description`` (HTML stripped, whitespace collapsed), ``default`` and ``format`` are kept.
* A property written as ``allOf: [{$ref}]`` only to attach a description becomes a plain
  ``$ref`` with the description beside it (legal in 2020-12).

Strictness
----------
The spec models subtypes as ``allOf: [Base, extension]`` with an OpenAPI ``discriminator``
that has no ``mapping`` and objects that are open.  Read as plain JSON Schema, its
``oneOf`` lists are therefore either ambiguous (a JPEG output with ``compression`` passes
as a PngOutput) or impossible to satisfy (an output with ``mediaType: image/tiff`` matches
JsonOutput, PsdOutput, PsdcOutput and TiffOutput at once, so ``oneOf`` fails for every
output).  The shipped schemas are strict instead; every deliberate difference from the
spec is in ``DEVIATIONS`` below and is copied, as far as it concerns the schema, into the
``x-deviations`` key of each generated file.

Output is deterministic: ``$defs``, ``properties`` and ``required`` are sorted, ``enum``
keeps the spec's order (it is often an ordinal scale), keywords follow ``KEY_ORDER``, files
are ``json.dumps(indent=2)`` + newline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC_DIR = REPO_ROOT / ".." / "shared" / "reference" / "adobe"
DEFAULT_OUT_DIR = REPO_ROOT / "schemas"

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://psmigrate.invalid/schemas/"
INDEX_FILE = "index.json"
PROPERTIES_FILE = "properties.json"  # root and child property names per endpoint (lint)

CURRENT_SPEC = "photoshop-v2-openapi.json"
# An earlier revision of the same spec; the current one dropped /v2/remove-background
# from the file although the endpoint is live (see reference README).
REMOVE_BG_SPEC = "photoshop-v2-openapi.with-remove-background.json"

# v2 path, request component, spec file.  The generator checks that the path's POST
# requestBody really is that component.
ENDPOINTS = (
    ("/v2/execute-actions", "ActionsRequest", CURRENT_SPEC),
    ("/v2/create-composite", "CreateCompositeRequest", CURRENT_SPEC),
    ("/v2/edit", "EditRequest", CURRENT_SPEC),
    ("/v2/create-artboard", "CreateArtboardRequest", CURRENT_SPEC),
    ("/v2/generate-manifest", "GenerateManifestRequest", CURRENT_SPEC),
    ("/v2/remove-background", "RemoveBackgroundV2Request", REMOVE_BG_SPEC),
)

# ---------------------------------------------------------------------------------------
# DEVIATIONS from the spec: where / what the spec says / what we ship / why (full text in
# the entries below; each generated schema carries the entries that concern it in
# "x-deviations").
#
#  id                              where                          spec                       ours
#  closed-objects                  every object with properties   open objects               additionalProperties: false
#  flattened-subtypes              allOf [Base, ext] components   allOf + bare discriminator one flat object per kind
#  exclusive-sources-destinations  resource inputs, destinations  oneOf over open objects    closed branches, one match
#  photoshop-outputs-by-mediatype  outputs[] actions/composite/   6 kinds x any mediaType    mediaType picks the kind;
#                                  artboard                                                  quality JPEG, compression PNG
#  lightroom-outputs-by-mediatype  EditRequest.outputs[]          4 kinds x any mediaType    mediaType picks the kind
#  export-options-by-mediatype     manifest exportOptions         2 kinds x 7 mediaTypes     image/jpeg | image/png only
#  operation-by-type               layer operation                4 kinds x any type         type picks the kind
#  layers-by-operation-and-type    edits.layers[], children[]     16 open kinds              operation.type + layer type
#  adjustments-by-type             adjustment layer adjustments   4 kinds x any type         type picks the kind
#  text-frame-by-type              Text.frame                     2 kinds x any type         type picks the kind
#  icc-profile-by-type             iccProfile (outputs, image)    2 kinds x any type         type picks the kind
#  defaulted-required              e.g. EditPixelMask.delete      required + "defaults to"   optional (unless a selector)
#  cc-file-id-case                 creativeCloudFileId            ^urn:aaid: "case-insens."  case-insensitive pattern
#  documented-extra-keys           outputs, DeleteLayer           not declared               shouldTrimToCanvas, type
#  actions-or-uxp                  ActionsOptions                 "one of actions/uxp" prose anyOf required
#
# "defs" names the components (or synthesized $defs) an entry is about: a schema lists the
# entry when it contains one of them ("*" = every schema).  defaulted-required and
# flattened-subtypes are matched from what the generator actually changed.
# ---------------------------------------------------------------------------------------
DEVIATIONS = (
    {
        "id": "closed-objects",
        "where": "every object schema that declares properties",
        "spec": "objects are open: no additionalProperties, so unknown keys validate",
        "ours": "additionalProperties: false (unknown properties are rejected)",
        "why": "leftover v1 keys (href, storage, type, overwrite, ...) or typos must not pass "
        "silently; closing the objects is also what makes the oneOf branches disjoint",
        "defs": ("*",),
    },
    {
        "id": "flattened-subtypes",
        "where": "components built as allOf [Base, extension]: outputs, destinations, resource "
        "inputs, layers, operations, adjustments, text frames, ICC profiles, export options, "
        "font colors, image inputs",
        "spec": "allOf over an (often empty) base schema carrying a discriminator without mapping",
        "ours": "one flat object per subtype holding the base and extension properties; the base "
        "schemas are not emitted and discriminators are dropped",
        "why": "additionalProperties cannot see through allOf; a flat object is clearer than "
        "unevaluatedProperties, and a discriminator without mapping would map to schema names "
        "(\"JpegOutput\"), not to the values bodies really carry",
        "defs": (),  # applies where a flattened component is used
    },
    {
        "id": "exclusive-sources-destinations",
        "where": "UrlResourceInput / CreativeCloudResourceInput / CreativeCloudFileIdResourceInput "
        "/ LightroomResourceInput / InlineContentResourceInput and UrlDestination / "
        "CreativeCloudDestination / EmbeddedDestination / HostedDestination",
        "spec": "oneOf over open objects: two locations ({url, creativeCloudPath}) fail only "
        "because both branches match, while a location plus a key of another kind ({url, "
        "contentType}, {url, creativeCloudProjectId}) passes",
        "ours": "closed branches: each requires its identifying key (sources: url, "
        "creativeCloudPath, creativeCloudFileId, lightroomPath, content; destinations: url, "
        "creativeCloudPath, embedded, validityPeriod) and forbids the keys of the other kinds, "
        "so at most one branch can match",
        "why": "a source or destination names exactly one location; a key that belongs to "
        "another kind is a mistake, not an extra",
        "defs": (
            "UrlResourceInput", "CreativeCloudResourceInput", "CreativeCloudFileIdResourceInput",
            "LightroomResourceInput", "InlineContentResourceInput", "UrlDestination",
            "CreativeCloudDestination", "EmbeddedDestination", "HostedDestination",
        ),
    },
    {
        "id": "photoshop-outputs-by-mediatype",
        "where": "outputs[] of ActionsRequest, CreateCompositeRequest, CreateArtboardRequest",
        "spec": "oneOf [JpegOutput, JsonOutput, PngOutput, PsdOutput, PsdcOutput, TiffOutput]; "
        "every kind accepts all 7 mediaType values, JsonOutput/PsdOutput/PsdcOutput/TiffOutput "
        "are identical, so a literal oneOf never has exactly one match",
        "ours": "PhotoshopOutputByMediaType: mediaType selects the kind (if/then); image/jpeg -> "
        "JpegOutput (quality string enum only), image/png -> PngOutput (compression only), "
        "image/tiff -> TiffOutput, image/vnd.adobe.photoshop -> PsdOutput, "
        "document/vnd.adobe.cpsd+dcxucf and document/vnd.adobe.cpsd+dcx -> PsdcOutput, "
        "application/json -> JsonOutput; the other kinds allow neither quality nor compression",
        "why": "the discriminator names mediaType as the selector; this is the checkable form "
        "of the spec's intent",
        "defs": ("PhotoshopOutputByMediaType",),
    },
    {
        "id": "lightroom-outputs-by-mediatype",
        "where": "EditRequest.outputs[]",
        "spec": "oneOf [LrDngOutput, LrJpegOutput, LrPngOutput, XmpOutput]; each accepts all 4 "
        "mediaType values and LrDngOutput/XmpOutput are identical",
        "ours": "LightroomOutputByMediaType: image/jpeg -> LrJpegOutput (quality only), image/png "
        "-> LrPngOutput (compression only), image/x-adobe-dng -> LrDngOutput, "
        "application/rdf+xml -> XmpOutput",
        "why": "same as photoshop-outputs-by-mediatype",
        "defs": ("LightroomOutputByMediaType",),
    },
    {
        "id": "export-options-by-mediatype",
        "where": "GenerateManifestRequest.exportOptions",
        "spec": "oneOf [JpegExportOptions, PngExportOptions]; both accept all 7 output mediaType "
        "values, so {mediaType: image/jpeg} matches both and a literal oneOf fails",
        "ours": "ExportOptionsByMediaType: image/jpeg -> JpegExportOptions (quality only), "
        "image/png -> PngExportOptions (compression only); other mediaType values are rejected",
        "why": "only JPEG and PNG thumbnail options exist (manifest-migration.md documents only "
        "these two); a TIFF or PSD exportOptions has no kind to select",
        "defs": ("ExportOptionsByMediaType",),
    },
    {
        "id": "operation-by-type",
        "where": "operation of every layer (OperationBase.operation)",
        "spec": "oneOf [AddOperation, DeleteOperation, EditOperation, MoveOperation]; each accepts "
        "type add/edit/delete/move, so {type: edit} matches Edit and Delete, {type: add, "
        "placement} matches Add and Move, and a literal oneOf fails",
        "ours": "OperationByType: type selects the kind; add -> AddOperation (placement required), "
        "edit -> EditOperation, delete -> DeleteOperation, move -> MoveOperation (placement "
        "required)",
        "why": "the discriminator names type as the selector",
        "defs": ("OperationByType",),
    },
    {
        "id": "layers-by-operation-and-type",
        "where": "CreateCompositeRequest edits.layers[] and AddGroupLayer.children[]",
        "spec": "oneOf of 16 open layer kinds; DeleteLayer and MoveLayer accept any layer, so a "
        "literal oneOf never has exactly one match",
        "ours": "LayerByOperation: operation.type selects add/edit/delete/move; for add and edit "
        "the layer type selects the kind (layer, solid_color_layer, text_layer, "
        "smart_object_layer, adjustment_layer, group_layer, background_layer) and each kind "
        "allows only its own type value; delete -> DeleteLayer, move -> MoveLayer (neither has a "
        "type property in the spec). When type is omitted (the spec makes it optional) the layer "
        "must fit at least one kind of its operation (anyOf)",
        "why": "gives each layer one shape to be checked against. type stays optional as in "
        "the spec (llm-migration-reference.md calls it required, but other guides edit or delete "
        "layers by name without it, e.g. layer-operations-advanced.md); the anyOf keeps such "
        "bodies valid without guessing a kind",
        "defs": ("LayerByOperation",),
    },
    {
        "id": "adjustments-by-type",
        "where": "adjustments of AddAdjustmentLayer / EditAdjustmentLayer",
        "spec": "oneOf of 4 kinds, each accepting type brightness_contrast / color_balance / "
        "exposure / hue_saturation",
        "ours": "AdjustmentsByType: type selects the kind and must agree with its payload key",
        "why": "{type: exposure, brightnessContrast: ...} is contradictory",
        "defs": ("AdjustmentsByType",),
    },
    {
        "id": "text-frame-by-type",
        "where": "Text.frame",
        "spec": "oneOf [AreaFrame, PointFrame]; both accept type point/area, so {type: point} "
        "matches both and a literal oneOf fails",
        "ours": "TextFrameByType: area -> AreaFrame (bounds), point -> PointFrame (origin)",
        "why": "the discriminator names type as the selector",
        "defs": ("TextFrameByType",),
    },
    {
        "id": "icc-profile-by-type",
        "where": "iccProfile of outputs and of ImageParameters",
        "spec": "oneOf [CustomIccProfile, StandardIccProfile]; both accept type standard/custom",
        "ours": "IccProfileByType: standard -> StandardIccProfile, custom -> CustomIccProfile; "
        "ImageParameters.iccProfile, which the spec points at the bare base IccProfile (only "
        "type), uses the same selector so name and source are allowed there too; type "
        "stays required (the spec's required list and icc-profile-migration.md agree, although "
        "the type description says it defaults to standard)",
        "why": "{type: standard, source: ...} would otherwise pass as a custom profile",
        "defs": ("IccProfileByType",),
    },
    {
        "id": "defaulted-required",
        "where": "(filled in per schema: the relaxed component.property pairs)",
        "spec": "the property is in required and at the same time has a default (keyword or "
        "'Defaults to ... when omitted' in its description)",
        "ours": "the property is optional; it keeps its default annotation",
        "why": "the spec contradicts itself, so the reading that accepts more wins (e.g. "
        "layer-operations-advanced.md edits a pixelMask without delete). Kept required where the "
        "property selects the kind: output and export mediaType, ICC profile type, "
        "EmbeddedDestination.embedded, HostedDestination.validityPeriod - a body without it "
        "could not be told apart from the other kinds",
        "defs": (),
    },
    {
        "id": "cc-file-id-case",
        "where": "CreativeCloudFileIdResourceInput.creativeCloudFileId",
        "spec": "pattern ^urn:aaid:.* while the description says it must start with 'urn:aaid' "
        "(case-insensitive)",
        "ours": "pattern ^[uU][rR][nN]:[aA][aA][iI][dD]: (the case-insensitive reading)",
        "why": "the spec contradicts itself; the looser reading does not reject an id Adobe "
        "describes as valid",
        "defs": ("CreativeCloudFileIdResourceInput",),
    },
    {
        "id": "documented-extra-keys",
        "where": "the six Photoshop output kinds (shouldTrimToCanvas); DeleteLayer (type)",
        "spec": "neither property is declared; the open objects of the spec let them through",
        "ours": "declared: shouldTrimToCanvas (boolean) on every Photoshop output kind; type "
        "(the layer type enum) on DeleteLayer",
        "why": "closing the objects must not reject what the guides document as v2: "
        "shouldTrimToCanvas is in the v2 output field tables of output-types-migration.md, "
        "format-conversion-migration.md and llm-migration-reference.md; "
        "layer-operations-background.md deletes a layer with type background_layer. Keys "
        "that only appear in a guide example and misspell a spec field (layer opacity, "
        "hightoneLevels, hueSaturation.channels, fontColor.rgb, layer bounds) stay rejected",
        "defs": ("JpegOutput", "PngOutput", "TiffOutput", "PsdOutput", "PsdcOutput", "JsonOutput",
                 "DeleteLayer"),
    },
    {
        "id": "actions-or-uxp",
        "where": "ActionsRequest.options (ActionsOptions)",
        "spec": "description: 'At least one of actions or uxp is required'; the schema does not "
        "enforce it",
        "ours": "anyOf [required actions, required uxp]",
        "why": "a limit the spec states in words; a request with neither runs nothing",
        "defs": ("ActionsOptions",),
    },
)

# Facts from the guides (or spec prose) that are deliberately NOT enforced, attached as
# $comment to the named property / component.  (component, property or None, text)
COMMENTS = (
    ("FontOptions", "additionalFonts",
     "Not enforced: execute-actions-v1-reference.md states a limit of 10 fonts; the spec "
     "states none, so the schema has no maxItems here."),
    ("PhotoshopOutput", "scriptOutputPattern",
     "Not enforced: actions-migration.md says scriptOutputPattern only works with embedded "
     "and hosted destinations (and elsewhere that files go to external storage too)."),
    ("InlineContentResourceInput", "contentType",
     "Optional in the spec; actions-migration.md asks for contentType application/json on "
     "inline ActionJSON. Not enforced."),
    ("PsdcOutput", None,
     "icc-profile-migration.md: Adobe rejects iccProfile on PSDC outputs at run time; the "
     "spec allows it, so the schema does too."),
    ("UrlDestination", "url",
     "The description asks for HTTPS; the spec has no pattern, so none is enforced."),
    ("ImageParameters", "depth",
     "Spec: string enum. document-creation-migration.md and llm-migration-reference.md write "
     "depth as an integer (\"depth\": 8) and call strings an error; the spec is followed."),
    ("ImageParameters", "fill",
     "Spec: string enum. document-creation-migration.md also describes an object form "
     "{solidColor: {rgb: ...}}; the spec is followed."),
    ("CharacterStyle", "fontColor",
     "Spec: flat {red, green, blue} (or cmyk/gray/lab components). layer-operations-text.md "
     "nests them ({rgb: {red, ...}}); the spec is followed."),
    ("LightroomEdits", "presets",
     "Spec: each item is a resource input ({url: ...}). edit-operations.md wraps it as "
     "{source: {url: ...}}; the spec is followed."),
    ("AddOperation", "placement",
     "Required by the spec; several layer-operations-*.md examples add layers without "
     "placement. The spec is followed."),
    ("UrlResource", "url",
     "The description limits the host to a list of storage domains; not enforced."),
)

# ---------------------------------------------------------------------------------------
# Dispatchers: a spec oneOf whose branches differ only by the value of a selector key is
# replaced by a synthesized $def that picks the branch from that value with if/then.
#   replaces:  the set of branch components of the spec's oneOf
#   key:       path of the selector property
#   branches:  selector value -> component (order = order of the if/then chain)
#   dropped:   selector values of the spec's enum deliberately left without a branch
#   when_missing: None -> the selector is required; "anyOf" -> selector optional, body
#              must then fit at least one branch
# ---------------------------------------------------------------------------------------
LAYER_KINDS = (
    ("layer", "Layer"),
    ("solid_color_layer", "SolidColorLayer"),
    ("text_layer", "TextLayer"),
    ("smart_object_layer", "SmartObjectLayer"),
    ("adjustment_layer", "AdjustmentLayer"),
    ("group_layer", "GroupLayer"),
    ("background_layer", "BackgroundLayer"),
)

DISPATCHERS = {
    "PhotoshopOutputByMediaType": {
        "replaces": ("JpegOutput", "JsonOutput", "PngOutput", "PsdOutput", "PsdcOutput",
                     "TiffOutput"),
        "key": ("mediaType",),
        "branches": {
            "image/jpeg": "JpegOutput",
            "image/png": "PngOutput",
            "image/tiff": "TiffOutput",
            "image/vnd.adobe.photoshop": "PsdOutput",
            "document/vnd.adobe.cpsd+dcxucf": "PsdcOutput",
            "document/vnd.adobe.cpsd+dcx": "PsdcOutput",
            "application/json": "JsonOutput",
        },
        "description": "One output of a Photoshop job; mediaType selects the kind "
        "(deviation photoshop-outputs-by-mediatype).",
    },
    "LightroomOutputByMediaType": {
        "replaces": ("LrDngOutput", "LrJpegOutput", "LrPngOutput", "XmpOutput"),
        "key": ("mediaType",),
        "branches": {
            "image/jpeg": "LrJpegOutput",
            "image/png": "LrPngOutput",
            "image/x-adobe-dng": "LrDngOutput",
            "application/rdf+xml": "XmpOutput",
        },
        "description": "One output of a /v2/edit job; mediaType selects the kind "
        "(deviation lightroom-outputs-by-mediatype).",
    },
    "ExportOptionsByMediaType": {
        "replaces": ("JpegExportOptions", "PngExportOptions"),
        "key": ("mediaType",),
        "branches": {"image/jpeg": "JpegExportOptions", "image/png": "PngExportOptions"},
        "dropped": ("image/tiff", "image/vnd.adobe.photoshop", "document/vnd.adobe.cpsd+dcxucf",
                    "document/vnd.adobe.cpsd+dcx", "application/json"),
        "description": "Thumbnail export options of a manifest job; mediaType selects the kind "
        "(deviation export-options-by-mediatype).",
    },
    "OperationByType": {
        "replaces": ("AddOperation", "DeleteOperation", "EditOperation", "MoveOperation"),
        "key": ("type",),
        "branches": {"add": "AddOperation", "edit": "EditOperation",
                     "delete": "DeleteOperation", "move": "MoveOperation"},
        "description": "What to do with a layer; type selects the kind "
        "(deviation operation-by-type).",
    },
    "AdjustmentsByType": {
        "replaces": ("BrightnessContrastAdjustments", "ColorBalanceAdjustments",
                     "ExposureAdjustments", "HueSaturationAdjustments"),
        "key": ("type",),
        "branches": {"hue_saturation": "HueSaturationAdjustments",
                     "brightness_contrast": "BrightnessContrastAdjustments",
                     "exposure": "ExposureAdjustments", "color_balance": "ColorBalanceAdjustments"},
        "description": "Adjustment of an adjustment layer; type selects the kind "
        "(deviation adjustments-by-type).",
    },
    "TextFrameByType": {
        "replaces": ("AreaFrame", "PointFrame"),
        "key": ("type",),
        "branches": {"point": "PointFrame", "area": "AreaFrame"},
        "description": "Text frame; type selects the kind (deviation text-frame-by-type).",
    },
    "IccProfileByType": {
        "replaces": ("CustomIccProfile", "StandardIccProfile"),
        "key": ("type",),
        "branches": {"standard": "StandardIccProfile", "custom": "CustomIccProfile"},
        "description": "ICC profile; type selects the kind (deviation icc-profile-by-type).",
    },
    "AddLayerByType": {
        "replaces": None,  # used by LayerByOperation only
        "key": ("type",),
        "branches": {value: "Add" + suffix for value, suffix in LAYER_KINDS},
        "when_missing": "anyOf",
        "description": "A layer added by the job; the layer type selects the kind "
        "(deviation layers-by-operation-and-type).",
    },
    "EditLayerByType": {
        "replaces": None,
        "key": ("type",),
        "branches": {value: "Edit" + suffix for value, suffix in LAYER_KINDS},
        "when_missing": "anyOf",
        "description": "A layer edited by the job; the layer type selects the kind "
        "(deviation layers-by-operation-and-type).",
    },
    "LayerByOperation": {
        "replaces": tuple(sorted(
            ["DeleteLayer", "MoveLayer"]
            + ["Add" + s for _, s in LAYER_KINDS] + ["Edit" + s for _, s in LAYER_KINDS])),
        "key": ("operation", "type"),
        "branches": {"add": "AddLayerByType", "edit": "EditLayerByType",
                     "delete": "DeleteLayer", "move": "MoveLayer"},
        "description": "One layer edit; operation.type selects add/edit/delete/move, then the "
        "layer type selects the kind (deviation layers-by-operation-and-type).",
    },
}

# A few properties point at a discriminator base instead of listing the subtypes; closed,
# the base would accept only its selector key.  They are sent to the dispatcher instead.
BASE_REDIRECTS = {"IccProfile": "IccProfileByType"}
# Bases without a discriminator that only exist to be extended through allOf.
EMPTY_BASES = ("Destination", "ResourceInput", "FontColor", "ImageInput", "OperationBase")

# Required properties that the spec also gives a default but that identify the kind of a
# oneOf branch, so they stay required (deviation defaulted-required).  The selector keys of
# DISPATCHERS are kept automatically.
KEEP_REQUIRED = {
    ("EmbeddedDestination", "embedded"),
    ("HostedDestination", "validityPeriod"),
    ("ManifestJsonOutput", "mediaType"),
}

# Per-component patches beyond the generic translation (each backed by a DEVIATIONS item).
CC_FILE_ID_PATTERN = "^[uU][rR][nN]:[aA][aA][iI][dD]:"

KEY_ORDER = (
    "$schema", "$id", "title", "description", "$comment", "x-deviations", "$ref", "type",
    "const", "enum", "default", "format", "pattern", "minLength", "maxLength", "minimum",
    "exclusiveMinimum", "maximum", "exclusiveMaximum", "minItems", "maxItems", "items",
    "required", "properties", "additionalProperties", "oneOf", "anyOf", "allOf", "if", "then",
    "else", "not", "$defs",
)
OPENAPI_ONLY = {"discriminator", "example", "examples", "xml", "externalDocs"}


class SpecError(Exception):
    """The spec does not look the way this generator expects."""


# ------------------------------------------------------------------------------ helpers

def ref_name(ref: str) -> str:
    prefix = "#/components/schemas/"
    if not ref.startswith(prefix):
        raise SpecError(f"unsupported $ref {ref!r}")
    return ref[len(prefix):]


def def_ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def clean_description(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def ordered(node):
    """Return node with keys in canonical order, recursively (deterministic output)."""
    if isinstance(node, list):
        return [ordered(x) for x in node]
    if not isinstance(node, dict):
        return node
    rank = {k: i for i, k in enumerate(KEY_ORDER)}
    out = {}
    for key in sorted(node, key=lambda k: (rank.get(k, len(rank)), k)):
        value = node[key]
        if key in ("properties", "$defs"):
            out[key] = {k: ordered(value[k]) for k in sorted(value)}
        elif key == "required":
            out[key] = sorted(value)
        elif key in ("x-deviations", "enum", "const", "default"):
            out[key] = value
        else:
            out[key] = ordered(value)
    return out


# --------------------------------------------------------------------------- translation

class Translator:
    def __init__(self, spec: dict):
        self.components = spec["components"]["schemas"]
        self.bases = {n for n, v in self.components.items() if "discriminator" in v}
        self.bases |= set(EMPTY_BASES) & set(self.components)
        self.by_branches = {}
        self.flattened: set = set()
        for name, disp in DISPATCHERS.items():
            if disp["replaces"]:
                self.by_branches[frozenset(disp["replaces"])] = name

    # -- allOf flattening ---------------------------------------------------------------
    def flatten(self, name: str) -> dict:
        node = self.components[name]
        if "allOf" not in node:
            return dict(node)
        self.flattened.add(name)
        merged = {k: v for k, v in node.items() if k not in ("allOf", "properties", "required")}
        props: dict = {}
        required = set(node.get("required", ()))
        base_description = None
        for part in node["allOf"]:
            if "$ref" in part:
                part = self.flatten(ref_name(part["$ref"]))
            for key, value in part.items():
                if key == "properties":
                    for pname, pschema in value.items():
                        if pname in props and props[pname] != pschema:
                            raise SpecError(f"{name}: conflicting definitions of {pname}")
                        props[pname] = pschema
                elif key == "required":
                    required |= set(value)
                elif key == "type":
                    if value != "object":
                        raise SpecError(f"{name}: allOf part of type {value}")
                elif key == "description":
                    base_description = base_description or value
                elif key in OPENAPI_ONLY or key == "default":
                    continue
                else:
                    raise SpecError(f"{name}: unexpected {key!r} in allOf part")
        for pname, pschema in node.get("properties", {}).items():
            props[pname] = pschema
        if "description" not in merged and base_description:
            merged["description"] = base_description
        merged["type"] = "object"
        if props:
            merged["properties"] = props
        if required:
            missing = required - set(props)
            if missing:
                raise SpecError(f"{name}: required but undeclared {sorted(missing)}")
            merged["required"] = sorted(required)
        return merged

    # -- keyword translation ------------------------------------------------------------
    def convert(self, node):
        if isinstance(node, list):
            return [self.convert(x) for x in node]
        if not isinstance(node, dict):
            return node
        node = dict(node)
        for key in OPENAPI_ONLY:
            node.pop(key, None)

        if "$ref" in node:
            target = ref_name(node.pop("$ref"))
            if target in BASE_REDIRECTS:
                target = BASE_REDIRECTS[target]
            elif target in self.bases:
                raise SpecError(f"direct reference to base schema {target}; add a redirect")
            out = def_ref(target)
            if "description" in node:
                out["description"] = clean_description(node.pop("description"))
            return out

        # allOf: [{$ref}] used only to hang a description on a reference
        if "allOf" in node and len(node["allOf"]) == 1 and set(node["allOf"][0]) == {"$ref"}:
            target = node.pop("allOf")[0]
            out = self.convert(node)
            out.update(def_ref(ref_name(target["$ref"])))
            return out
        if "allOf" in node:
            raise SpecError("allOf outside a component is not supported")

        if "oneOf" in node and all(set(b) == {"$ref"} for b in node["oneOf"]):
            names = frozenset(ref_name(b["$ref"]) for b in node["oneOf"])
            target = self.by_branches.get(names)
            if target is None and len(names) == 1:
                target = next(iter(names))
            if target is not None:
                node.pop("oneOf")
                node.pop("type", None)
                out = self.convert(node)
                out.update(def_ref(target))
                return out

        out = {}
        nullable = node.pop("nullable", False)
        for key, value in node.items():
            if key == "description":
                out[key] = clean_description(value)
            elif key in ("exclusiveMinimum", "exclusiveMaximum"):
                if value is True:
                    bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                    out[key] = node[bound]
                elif value is not False:
                    raise SpecError(f"unexpected {key} {value!r}")
            elif key == "properties":
                out[key] = {k: self.convert(v) for k, v in value.items()}
            elif key in ("items", "not", "additionalProperties") and isinstance(value, dict):
                out[key] = self.convert(value)
            elif key in ("oneOf", "anyOf"):
                out[key] = [self.convert(v) for v in value]
            else:  # type, enum, default, format, pattern, bounds, lengths, required, ...
                out[key] = value
        for key, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if key in out and node.get(key) is True:
                out.pop(bound, None)
        if nullable:
            if "type" in out:
                out["type"] = [out["type"], "null"] if isinstance(out["type"], str) \
                    else list(out["type"]) + ["null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = list(out["enum"]) + [None]
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out

    def component(self, name: str) -> dict:
        return self.convert(self.flatten(name))


# ------------------------------------------------------------------------ dispatchers

def _nest(path, leaf):
    """{"properties": {p0: {"properties": {p1: leaf}, "required": [p1]}}, "required": [p0]}"""
    schema = leaf
    for part in reversed(path):
        schema = {"required": [part], "properties": {part: schema}}
    return schema


def build_dispatcher(disp: dict) -> dict:
    key = disp["key"]
    groups: dict = {}
    for value, branch in disp["branches"].items():
        groups.setdefault(branch, []).append(value)
    values = list(disp["branches"])
    selector = {"type": "string", "enum": values}
    schema = {"description": disp["description"], "type": "object"}
    top = _nest(key, selector)
    if disp.get("when_missing") == "anyOf":
        top.pop("required")
    schema.update(top)
    chain = []
    for branch, vals in groups.items():
        cond = {"const": vals[0]} if len(vals) == 1 else {"enum": vals}
        chain.append({"if": _nest(key, cond), "then": def_ref(branch)})
    if disp.get("when_missing") == "anyOf":
        chain.append({"if": {"not": {"required": [key[0]]}},
                      "then": {"anyOf": [def_ref(b) for b in groups]}})
    schema["allOf"] = chain
    return schema


def pin_selector(defs: dict, disp: dict):
    """Give each branch only its own selector value(s) (const/enum)."""
    key = disp["key"]
    if len(key) != 1:
        return  # nested selector: consistency comes from the nested dispatcher
    groups: dict = {}
    for value, branch in disp["branches"].items():
        groups.setdefault(branch, []).append(value)
    for branch, vals in groups.items():
        if branch in DISPATCHERS:
            continue
        prop = defs[branch]["properties"][key[0]]
        pinned = {k: v for k, v in prop.items() if k in ("description", "type")}
        if len(vals) == 1:
            pinned["const"] = vals[0]
        else:
            pinned["enum"] = vals
        defs[branch]["properties"][key[0]] = pinned


def check_dispatcher_covers_spec(name: str, disp: dict, defs: dict):
    """Every selector value the spec allows must have a branch or be listed as dropped."""
    if len(disp["key"]) > 1:
        return  # nested selector (operation.type): checked through OperationByType
    spec_values = set()
    for branch in set(disp["branches"].values()):
        if branch in DISPATCHERS:
            continue
        spec_values |= set(defs[branch]["properties"][disp["key"][0]].get("enum", ()))
    unmapped = spec_values - set(disp["branches"]) - set(disp.get("dropped", ()))
    extra = set(disp["branches"]) - spec_values
    if unmapped or extra:
        raise SpecError(f"{name}: selector values out of step with the spec: "
                        f"unmapped {sorted(unmapped)}, unknown {sorted(extra)}")


# -------------------------------------------------------------------------- generation

DEFAULT_IN_PROSE = re.compile(r"\bdefaults? to\b", re.IGNORECASE)


def selector_keys() -> set:
    """(component, property) pairs that select a kind and therefore stay required."""
    keys = set(KEEP_REQUIRED)
    for disp in DISPATCHERS.values():
        if len(disp["key"]) == 1:
            keys |= {(branch, disp["key"][0]) for branch in disp["branches"].values()}
    return keys


def relax_defaulted_required(defs: dict) -> dict:
    """Deviation defaulted-required: drop a property from required when the spec also gives
    it a default (keyword or "Defaults to ..." in its description), unless it selects a kind.
    Returns {component: [property, ...]} of what was relaxed."""
    keep = selector_keys()
    relaxed = {}
    for name in sorted(defs):
        node = defs[name]
        props = node.get("properties", {})
        for prop in list(node.get("required", ())):
            schema = props.get(prop, {})
            if (name, prop) in keep:
                continue
            if "default" in schema or DEFAULT_IN_PROSE.search(schema.get("description", "")):
                node["required"].remove(prop)
                relaxed.setdefault(name, []).append(prop)
        if "required" in node and not node["required"]:
            del node["required"]
    return relaxed


def all_defs(spec: dict):
    """Translate every component.  Returns (defs, info); info holds what the per-schema
    deviation list needs: "relaxed" (see relax_defaulted_required) and "flattened" (the
    components that were allOf compositions)."""
    tr = Translator(spec)
    defs = {name: tr.component(name) for name in tr.components}
    info = {"relaxed": relax_defaulted_required(defs), "flattened": set(tr.flattened)}
    for name, disp in DISPATCHERS.items():
        if not all(b in defs or b in DISPATCHERS for b in disp["branches"].values()):
            continue  # e.g. a spec revision without these components
        check_dispatcher_covers_spec(name, disp, defs)
        pin_selector(defs, disp)
    for name, disp in DISPATCHERS.items():
        if all(b in defs or b in DISPATCHERS for b in disp["branches"].values()):
            defs[name] = build_dispatcher(disp)
    patch(defs)
    return defs, info


def patch(defs: dict):
    """Deviations that are not dispatchers."""
    if "CreativeCloudFileIdResourceInput" in defs:  # cc-file-id-case
        prop = defs["CreativeCloudFileIdResourceInput"]["properties"]["creativeCloudFileId"]
        if prop.get("pattern") != "^urn:aaid:.*":
            raise SpecError("creativeCloudFileId pattern changed in the spec; revisit cc-file-id-case")
        prop["pattern"] = CC_FILE_ID_PATTERN
    for kind in DISPATCHERS["PhotoshopOutputByMediaType"]["replaces"]:  # documented-extra-keys
        if kind not in defs:
            continue
        props = defs[kind]["properties"]
        if "shouldTrimToCanvas" in props:
            raise SpecError(f"{kind} now declares shouldTrimToCanvas; drop documented-extra-keys")
        props["shouldTrimToCanvas"] = {
            "description": "Trim transparent pixels (documented in the guides, not in the spec).",
            "$comment": "Deviation documented-extra-keys. The spec's own field for this is "
            "cropMode (trim_to_transparency); create-artboard-v1-reference.md maps v1 "
            "trimToCanvas to cropMode.",
            "type": "boolean",
        }
    if "DeleteLayer" in defs:  # documented-extra-keys
        props = defs["DeleteLayer"]["properties"]
        if "type" in props:
            raise SpecError("DeleteLayer now declares type; drop documented-extra-keys")
        props["type"] = {
            "description": "Layer type (documented for delete in layer-operations-background.md, "
            "not declared on DeleteLayer in the spec).",
            "type": "string",
            "enum": [value for value, _ in LAYER_KINDS],
        }
    if "ActionsOptions" in defs:  # actions-or-uxp
        defs["ActionsOptions"]["anyOf"] = [{"required": ["actions"]}, {"required": ["uxp"]}]
    for component, prop, text in COMMENTS:
        targets = [component]
        if component == "PhotoshopOutput":  # base is flattened into its kinds
            targets = [n for n in DISPATCHERS["PhotoshopOutputByMediaType"]["replaces"]]
        for target in targets:
            if target not in defs:
                continue
            node = defs[target] if prop is None else defs[target]["properties"][prop]
            node["$comment"] = text


def referenced(node, acc: set):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                acc.add(value[len("#/$defs/"):])
            else:
                referenced(value, acc)
    elif isinstance(node, list):
        for value in node:
            referenced(value, acc)


def closure(defs: dict, root: str) -> list:
    seen, todo = set(), [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        acc: set = set()
        referenced(defs[name], acc)
        todo.extend(acc - seen)
    seen.discard(root)
    return sorted(seen)


def deviations_for(names: set, info: dict) -> list:
    out = []
    for dev in DEVIATIONS:
        dev = dict(dev)
        relaxed = info["relaxed"]
        if dev["id"] == "defaulted-required":
            pairs = [f"{c}.{p}" for c in sorted(relaxed) if c in names for p in relaxed[c]]
            if not pairs:
                continue
            dev["where"] = ", ".join(pairs)
        elif dev["id"] == "flattened-subtypes":
            if not names & info["flattened"]:
                continue
        elif not ("*" in dev["defs"] or names & set(dev["defs"])):
            continue
        out.append({k: dev[k] for k in ("id", "where", "spec", "ours", "why")})
    return out


def request_schema(path: str, component: str, spec_file: str, spec_bytes: bytes,
                   spec: dict, defs: dict, info: dict) -> dict:
    body = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if ref_name(body["$ref"]) != component:
        raise SpecError(f"POST {path} takes {body['$ref']}, expected {component}")
    used = closure(defs, component)
    root = dict(defs[component])
    if root.get("$ref"):
        raise SpecError(f"{component} is a bare reference")
    description = root.pop("description", None)
    sha = hashlib.sha256(spec_bytes).hexdigest()
    schema = {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{component}.json",
        "title": component,
        "description": f"Request body of POST {path} (Photoshop API v2)."
        + (f" {description}" if description else ""),
        "$comment": f"Generated by tools/gen_schemas.py from {spec_file} "
        f"(OpenAPI {spec.get('openapi')}, info.version {spec['info'].get('version')}, "
        f"sha256 {sha}), component {component}. Do not edit; regenerate. Deliberate "
        f"differences from the spec are listed in x-deviations.",
        "x-deviations": deviations_for(set(used) | {component}, info),
    }
    schema.update(root)
    if used:
        schema["$defs"] = {name: defs[name] for name in used}
    return ordered(schema)


def dumps(obj) -> str:
    return json.dumps(obj, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def generate(spec_dir: Path) -> dict:
    """Return {file name: file text} for everything under schemas/."""
    files = {}
    index = {}
    loaded = {}
    for path, component, spec_file in ENDPOINTS:
        if spec_file not in loaded:
            raw = (spec_dir / spec_file).read_bytes()
            spec = json.loads(raw)
            loaded[spec_file] = (raw, spec) + all_defs(spec)
        raw, spec, defs, info = loaded[spec_file]
        name = f"{component}.json"
        files[name] = dumps(request_schema(path, component, spec_file, raw, spec, defs, info))
        index[path] = name
    files[INDEX_FILE] = dumps({k: index[k] for k in sorted(index)})
    files[PROPERTIES_FILE] = properties_file({path: json.loads(files[name]) for path, name in index.items()})
    return files


def properties_file(schemas_by_path: dict) -> str:
    """``schemas/properties.json``: the property names lint tells families apart by."""
    sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: the package beside it
    from migrator.lint.payload import properties_of

    return dumps({path: properties_of(schemas_by_path[path]) for path in sorted(schemas_by_path)})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec-dir", type=Path, default=DEFAULT_SPEC_DIR,
                        help="directory holding Adobe's OpenAPI files (default: %(default)s)")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR,
                        help="where the schemas go (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the files in --out-dir are not "
                        "what would be generated")
    args = parser.parse_args(argv)

    try:
        files = generate(args.spec_dir)
    except (OSError, SpecError, KeyError, ValueError) as exc:
        print(f"gen_schemas: {exc}", file=sys.stderr)
        return 2

    out_dir: Path = args.out_dir
    if args.check:
        problems = []
        for name, text in files.items():
            target = out_dir / name
            if not target.exists():
                problems.append(f"missing {target}")
            elif target.read_bytes() != text.encode("utf-8"):
                problems.append(f"out of date {target}")
        if out_dir.is_dir():
            for stale in sorted(out_dir.glob("*.json")):
                if stale.name not in files:
                    problems.append(f"not generated (stale?) {stale}")
        for problem in problems:
            print(f"gen_schemas --check: {problem}", file=sys.stderr)
        return 1 if problems else 0

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_bytes(text.encode("utf-8"))
    print(f"gen_schemas: wrote {len(files)} files to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
