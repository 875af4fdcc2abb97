"""Flow JSON schemas (draft 2020-12), one per version, written by ``flowlint.schema_build``; see README.md."""
