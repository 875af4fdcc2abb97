"""The component table (flowlint.components) drives the facts that were restated elsewhere.

A made-up component added to the table, and nothing else, appears in the generated schema of the versions
that have it, in the form-value types, in the per-screen maxima and the docs-only limits, in the Form
variants of the binding check and in the schema tests' fixtures. The table is changed in a fresh Python
process (the derived tables are computed when their modules are imported), so this test leaves no trace.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from flowlint import components
from flowlint.schema import build as schema_build
from flowlint.schema.meta_port import schema as meta_schema
from flowlint.rules import limits, model, property_schemas
from flowlint.schema import docs_limits

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = textwrap.dedent(
    """
    import json
    from flowlint import components
    from flowlint.components import ComponentSpec, Prop

    # The one edit: a table entry (a made-up component type, from an existing version).
    components.COMPONENTS["StarRating"] = ComponentSpec(
        "StarRating",
        since="7.3",
        props=(
            Prop("name", "name"),
            Prop("label", "string", docs_max_chars=30),
            Prop("stars", "integer", binding=False, minimum=1, maximum=10),
            Prop("data-source", "options", min_items=1),
            Prop("on-select-action", "action", actions=(("data_exchange", "2.1"), ("update_data", "6.0"))),
            Prop("init-value", "number", outside_form_only=True),
        ),
        required=("name", "label"),
        value="number",
        options_key="data-source",
        items_actions=True,
        max_per_screen=(2, "5.1"),
        docs_items=(1, 5),
        meta_input=True,
        example={"type": "StarRating", "name": "rating", "label": "Rate us"},
    )

    from flowlint.schema import build as schema_build, docs_limits
    from flowlint.rules import dynamic_data, limits, model, property_schemas
    from flowlint.versions import FlowVersion
    from tests.schema import fixtures

    new, old = schema_build.build_schema("7.3"), schema_build.build_schema("7.2")
    doc = {
        "version": "7.3",
        "screens": [{"id": "A", "title": "A", "terminal": True, "layout": {"type": "SingleColumnLayout",
                     "children": [{"type": "StarRating", "name": "r", "label": "x"}] * 3}}],
    }
    flow_model = model.build_model(doc, FlowVersion(703, "7.3"))
    print(json.dumps({
        "top_7_3": new["$defs"]["children.top"]["properties"]["type"]["enum"],
        "form_7_3": new["$defs"]["children.form"]["properties"]["type"]["enum"],
        "top_7_2": old["$defs"]["children.top"]["properties"]["type"]["enum"],
        "definition": new["$defs"].get("StarRating"),
        "form_definition": new["$defs"].get("form.StarRating"),
        "value_kind": model.form_value_kind({"type": "StarRating"}),
        "value_schema": model.form_value_schema({"type": "StarRating"}),
        "screen_form": dynamic_data.screen_properties(flow_model)["A"]["form"],
        "form_property": "StarRating" in model.FORM_PROPERTY_TYPES,
        "input": "StarRating" in model.INPUT_TYPES,
        "item_actions": "StarRating" in model.DATA_SOURCE_TYPES,
        "maxima": [limits.TYPE_MAXIMA.get("StarRating"), limits.TYPE_MAXIMA_V700.get("StarRating")],
        "limit_codes": [f.rule for f in limits.component_type_per_screen_v700(flow_model)],
        "docs_chars": docs_limits.DOCS_CHAR_LIMITS.get(("StarRating", "label")),
        "docs_count": docs_limits.DOCS_COUNT_LIMITS.get("StarRating"),
        "form_variant": "StarRating" in property_schemas._FORM_VARIANTS,
        "form_child": "StarRating" in property_schemas._FORM_CHILDREN,
        "fixture": fixtures.VALID.get("StarRating"),
        "required": fixtures.REQUIRED.get("StarRating"),
        "known": "StarRating" in schema_build.KNOWN_COMPONENTS,
        "since": schema_build.COMPONENT_SINCE.get("StarRating"),
    }))
    """
)


def _with_made_up_component() -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_component_added_to_the_table_reaches_every_derived_fact() -> None:
    got = _with_made_up_component()
    # The schema: allowed in 7.3 outside and inside a Form (not in 7.2), with its properties and limits.
    assert got["top_7_3"][-1] == "StarRating" and got["form_7_3"][-1] == "StarRating"
    assert "StarRating" not in got["top_7_2"]
    definition = got["definition"]
    assert definition["required"] == ["type", "name", "label"]
    assert list(definition["properties"]) == ["type", "name", "label", "stars", "data-source", "on-select-action",
                                              "init-value"]
    stars = definition["properties"]["stars"]
    assert (stars["type"], stars["minimum"], stars["maximum"]) == ("integer", 1, 10)
    assert definition["properties"]["data-source"]["anyOf"][0]["items"] == {"$ref": "#/$defs/data-source.item"}
    assert definition["properties"]["on-select-action"] == {
        "description": definition["properties"]["on-select-action"]["description"],
        "$ref": "#/$defs/action.data_exchange+update_data",
    }
    assert "init-value" not in got["form_definition"]["properties"]  # outside a Form only
    # The form-value types.
    assert got["value_kind"] == "number" and got["value_schema"] == {"type": "number"}
    assert got["screen_form"] == {"r": "number"}
    assert got["form_property"] and got["input"] and got["item_actions"]
    # The limits: Meta's per-screen maximum (FL803 on a screen with three) and the docs-only ones.
    assert got["maxima"] == [2, 2]
    assert got["limit_codes"] == ["FL803"]
    assert got["docs_chars"] == 30 and got["docs_count"] == ["data-source", 1, 5]
    # The binding check's Form variants and the schema tests' fixtures.
    assert got["form_variant"] and got["form_child"]
    assert got["fixture"] == {"type": "StarRating", "name": "rating", "label": "Rate us"}
    assert got["required"] == ["name", "label"]
    assert got["known"] and got["since"] == "7.3"


def test_the_table_names_the_components_of_every_derived_set() -> None:
    """The derived sets read the table (not a copy): each one is a subset of it, and the table covers every
    component Meta's own schemas name."""
    table = set(components.COMPONENTS)
    assert schema_build.KNOWN_COMPONENTS == table
    for derived in (model.DATA_SOURCE_TYPES, model.MEDIA_PICKERS, set(model.INPUT_TYPES), model.FORM_PROPERTY_TYPES,
                    set(limits.TYPE_MAXIMA_V700), set(docs_limits.DOCS_COUNT_LIMITS),
                    property_schemas._FORM_VARIANTS, property_schemas._FORM_CHILDREN):
        assert derived <= table
    assert {c.value for c in meta_schema.Component} == table


def test_every_property_kind_has_a_schema() -> None:
    b = schema_build.Builder("7.3")
    for kind in components.KINDS:
        prop = components.Prop("p", kind, item=components.Prop("i", "object"), ref="test.item", max_items=1)
        assert isinstance(schema_build.prop_schema(b, prop, "top"), dict), kind


def test_the_hex_colour_pattern_is_meta_s() -> None:
    assert components.HEX_COLOUR == meta_schema.HEX_COLOR_PATTERN
