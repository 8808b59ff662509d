"""The licences an entry may name, and what each one allows.

SPDX ids are used where SPDX has one; model licences that SPDX lacks (LLaMA's research licence,
the RAIL family) get a lowercase id here. ``commercial`` records whether the licence allows
commercial use; the lineage rules compare it between a model and what it was made from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    id: str
    name: str
    commercial: bool | None  # None: not a usage licence (proprietary, unknown terms)
    url: str = ""


_LICENSES = [
    License("Apache-2.0", "Apache License 2.0", True, "https://spdx.org/licenses/Apache-2.0.html"),
    License("MIT", "MIT License", True, "https://spdx.org/licenses/MIT.html"),
    License("BSD-2-Clause", "BSD 2-Clause License", True),
    License("BSD-3-Clause", "BSD 3-Clause License", True),
    License("GPL-2.0-only", "GNU GPL v2.0 only", True),
    License("GPL-3.0-only", "GNU GPL v3.0 only", True),
    License("GPL-3.0-or-later", "GNU GPL v3.0 or later", True),
    License("AGPL-3.0-only", "GNU AGPL v3.0 only", True),
    License("LGPL-3.0-only", "GNU LGPL v3.0 only", True),
    License("MPL-2.0", "Mozilla Public License 2.0", True),
    License("CC0-1.0", "Creative Commons Zero v1.0", True),
    License("CC-BY-3.0", "Creative Commons Attribution 3.0", True),
    License("CC-BY-4.0", "Creative Commons Attribution 4.0", True),
    License("CC-BY-SA-3.0", "Creative Commons Attribution Share Alike 3.0", True),
    License("CC-BY-SA-4.0", "Creative Commons Attribution Share Alike 4.0", True),
    License("CC-BY-NC-4.0", "Creative Commons Attribution Non Commercial 4.0", False),
    License("CC-BY-NC-SA-4.0", "Creative Commons Attribution NonCommercial ShareAlike 4.0", False),
    License("CC-BY-NC-ND-4.0", "Creative Commons Attribution NonCommercial NoDerivs 4.0", False),
    License("ODC-By-1.0", "Open Data Commons Attribution License v1.0", True),
    License("ODbL-1.0", "Open Data Commons Open Database License v1.0", True),
    License("PDDL-1.0", "Open Data Commons Public Domain Dedication and License", True),
    License("Unlicense", "The Unlicense", True),
    License("llama-license", "LLaMA non-commercial research licence (Meta, 2023)", False),
    License("llama2", "Llama 2 Community License", True),
    License("bigscience-bloom-rail-1.0", "BigScience RAIL License v1.0", True),
    License("bigscience-openrail-m", "BigScience Open RAIL-M", True),
    License("openrail", "Open RAIL", True),
    License("openrail-m", "Open RAIL-M", True),
    License("tii-falcon-llm-1.0", "TII Falcon LLM License 1.0", True),
    License("glm-130b-license", "GLM-130B licence (research; commercial use by request)", False),
    License("chatglm-6b-license", "ChatGLM-6B model licence", False),
    License(
        "opt-175b-license",
        "OPT-175B License Agreement (non-commercial research; also covers smaller OPT models)",
        False,
        "https://huggingface.co/facebook/opt-66b/blob/main/LICENSE.md",
    ),
    License(
        "chatglm2-6b-license", "ChatGLM2-6B model licence (commercial use after registration)", True
    ),
    License("research-only", "No named licence; the project states research use only", False),
    License("openai-terms", "OpenAI terms of use (outputs; no weights released)", None),
    License("proprietary", "Proprietary: no licence to the weights or data", None),
    License("other", "Another licence: name it in notes", None),
]

LICENSES: dict[str, License] = {lic.id: lic for lic in _LICENSES}
_BY_LOWER: dict[str, str] = {lic.id.lower(): lic.id for lic in _LICENSES}


def canonical_license(value: str) -> str | None:
    """Return the licence id as written here, matching case-insensitively; None if unknown."""
    return _BY_LOWER.get(value.strip().lower())


def allows_commercial(license_id: str | None) -> bool | None:
    """Whether a licence allows commercial use; None when unknown or not applicable."""
    if license_id is None or license_id not in LICENSES:
        return None
    return LICENSES[license_id].commercial
