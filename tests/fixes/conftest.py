"""Shared fixtures of the fix tests: a small valid 7.3 flow with a routing model, written by hand (its layout,
one member per line in places and several per line in others, is what the fixes must keep byte for byte)."""

from __future__ import annotations

BASE = """{
  "version": "7.3",
  "routing_model": {"FIRST": ["LAST"]},
  "data_api_version": "3.0",
  "screens": [
    {
      "id": "FIRST",
      "title": "First",
      "data": {},
      "layout": {
        "type": "SingleColumnLayout",
        "children": [
          {"type": "TextHeading", "text": "Hello"},
          {"type": "TextInput", "name": "pw", "label": "Password", "input-type": "password"},
          {"type": "Footer", "label": "Next", "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "LAST"}, "payload": {}}}
        ]
      }
    },
    {
      "id": "LAST",
      "title": "Last",
      "terminal": true,
      "layout": {
        "type": "SingleColumnLayout",
        "children": [
          {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}}
        ]
      }
    }
  ]
}
"""

#: A 3.0 flow (checked by flowlint's own schema pass, not Meta's 5.1+ one).
LEGACY = """{"version": "3.0", "screens": [{"id": "ONLY", "title": "Only", "terminal": true, "layout": {"type": "SingleColumnLayout", "children": [
  {"type": "TextHeading", "text": "Hi"},
  {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
"""
