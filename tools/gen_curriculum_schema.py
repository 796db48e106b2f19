"""Write docs/reference/curriculum-schema.json from the Curriculum model, so it never drifts.

Editors that understand JSON Schema (VS Code with the YAML extension, for instance) can use it
to check a curriculum file while it is typed; groupwcc itself validates with the model.

Run: .venv/bin/python tools/gen_curriculum_schema.py   (tests fail when the file is stale)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "docs" / "reference" / "curriculum-schema.json"


def render() -> str:
    from groupwcc.models import Curriculum

    schema = Curriculum.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://groupwcc.invalid/curriculum-schema.json", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
