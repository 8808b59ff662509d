"""The licences an entry may name, what each one allows and requires, and its Hugging Face tag.

SPDX ids are used where SPDX has one; model licences that SPDX lacks (LLaMA's research licence,
the RAIL family, the Llama, Gemma and Qwen agreements) get a lowercase id here. ``commercial``
records whether the licence allows commercial use; the lineage rules compare it between a model
and what it was made from, and read ``name_prefix`` and ``derivatives_keep_terms`` for the
naming and terms clauses of the model licences. Each model licence's terms were read in its
text at ``url``; a field left empty means the licence states nothing of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    id: str
    name: str
    commercial: bool | None  # None: not a usage licence (proprietary, unknown terms)
    url: str = ""
    hf_tag: str = ""  # the `license:` value of a Hugging Face card ("other": see hf_names)
    # `license_name:` values seen on cards beside `license: other` (only ones seen on real cards)
    hf_names: tuple[str, ...] = ()
    user_limit: str = ""  # a size above which a separate licence is needed
    name_prefix: str = ""  # what a derived model's name must begin with
    attribution: str = ""  # notice a derivative or product must carry
    use_policy: str = ""  # the acceptable-use policy incorporated, by URL
    redistribution: str = ""  # what redistributing the weights or derivatives requires
    derivatives_keep_terms: bool = False  # derivatives (incl. distilled) stay under these terms

    @property
    def terms(self) -> list[tuple[str, str]]:
        """What the licence allows and requires, as (label, text) rows for the reference."""
        use = {True: "allowed", False: "not allowed", None: "not a usage licence"}
        rows = [("commercial use", use[self.commercial])]
        for label, value in (
            ("user threshold", self.user_limit),
            ("derived models' names", self.name_prefix and f"begin with “{self.name_prefix}”"),
            ("attribution", self.attribution),
            ("acceptable-use policy", self.use_policy),
            ("redistribution", self.redistribution),
        ):
            if value:
                rows.append((label, value))
        if self.derivatives_keep_terms:
            rows.append(("derivatives", "stay under these terms, distilled models included"))
        return rows


_LLAMA_AUP = "https://llama.meta.com/llama3/use-policy"
_META_MAU = "over 700 million monthly active users on the release date: licence from Meta"
_LLAMA_COPY = "a copy of the agreement and a Notice file with Meta's attribution notice"


def _spdx(id: str, name: str, commercial: bool, hf_tag: str = "") -> License:
    return License(id, name, commercial, f"https://spdx.org/licenses/{id}.html", hf_tag)


def _llama(id: str, version: str, folder: str, use_policy: str) -> License:
    """The Llama 3.1 and later community licences: the same terms, clause by clause."""
    return License(
        id,
        f"{version} Community License",
        True,
        f"https://github.com/meta-llama/llama-models/blob/main/models/{folder}/LICENSE",
        id,
        user_limit=_META_MAU,
        name_prefix="Llama",
        attribution="display “Built with Llama”",
        use_policy=use_policy,
        redistribution=_LLAMA_COPY + "; models trained on its outputs are covered too",
    )


_LICENSES = [
    _spdx("Apache-2.0", "Apache License 2.0", True, "apache-2.0"),
    _spdx("MIT", "MIT License", True, "mit"),
    _spdx("BSD-2-Clause", "BSD 2-Clause License", True, "bsd-2-clause"),
    _spdx("BSD-3-Clause", "BSD 3-Clause License", True, "bsd-3-clause"),
    _spdx("GPL-2.0-only", "GNU GPL v2.0 only", True, "gpl-2.0"),
    _spdx("GPL-3.0-only", "GNU GPL v3.0 only", True, "gpl-3.0"),
    _spdx("GPL-3.0-or-later", "GNU GPL v3.0 or later", True),
    _spdx("AGPL-3.0-only", "GNU AGPL v3.0 only", True, "agpl-3.0"),
    _spdx("LGPL-3.0-only", "GNU LGPL v3.0 only", True, "lgpl-3.0"),
    _spdx("MPL-2.0", "Mozilla Public License 2.0", True, "mpl-2.0"),
    _spdx("CC0-1.0", "Creative Commons Zero v1.0", True, "cc0-1.0"),
    _spdx("CC-BY-3.0", "Creative Commons Attribution 3.0", True, "cc-by-3.0"),
    _spdx("CC-BY-4.0", "Creative Commons Attribution 4.0", True, "cc-by-4.0"),
    _spdx("CC-BY-SA-3.0", "Creative Commons Attribution Share Alike 3.0", True, "cc-by-sa-3.0"),
    _spdx("CC-BY-SA-4.0", "Creative Commons Attribution Share Alike 4.0", True, "cc-by-sa-4.0"),
    _spdx("CC-BY-NC-4.0", "Creative Commons Attribution Non Commercial 4.0", False, "cc-by-nc-4.0"),
    _spdx(
        "CC-BY-NC-SA-4.0",
        "Creative Commons Attribution NonCommercial ShareAlike 4.0",
        False,
        "cc-by-nc-sa-4.0",
    ),
    _spdx(
        "CC-BY-NC-ND-4.0",
        "Creative Commons Attribution NonCommercial NoDerivs 4.0",
        False,
        "cc-by-nc-nd-4.0",
    ),
    _spdx("ODC-By-1.0", "Open Data Commons Attribution License v1.0", True, "odc-by"),
    _spdx("ODbL-1.0", "Open Data Commons Open Database License v1.0", True, "odbl"),
    _spdx("PDDL-1.0", "Open Data Commons Public Domain Dedication and License", True, "pddl"),
    _spdx("Unlicense", "The Unlicense", True, "unlicense"),
    License("llama-license", "LLaMA non-commercial research licence (Meta, 2023)", False),
    License(
        "llama2",
        "Llama 2 Community License",
        True,
        "https://github.com/meta-llama/llama/blob/main/LICENSE",
        "llama2",
        user_limit=_META_MAU,
        use_policy="https://ai.meta.com/llama/use-policy",
        redistribution=_LLAMA_COPY + "; no use of its outputs to improve other LLMs",
    ),
    License(
        "llama3",
        "Meta Llama 3 Community License",
        True,
        "https://github.com/meta-llama/llama3/blob/main/LICENSE",
        "llama3",
        user_limit=_META_MAU,
        name_prefix="Llama 3",
        attribution="display “Built with Meta Llama 3”",
        use_policy=_LLAMA_AUP,
        redistribution=_LLAMA_COPY + "; no use of it or its outputs to improve other LLMs",
    ),
    _llama("llama3.1", "Llama 3.1", "llama3_1", "https://llama.meta.com/llama3_1/use-policy"),
    _llama("llama3.2", "Llama 3.2", "llama3_2", "https://www.llama.com/llama3_2/use-policy"),
    _llama("llama3.3", "Llama 3.3", "llama3_3", "https://www.llama.com/llama3_3/use-policy"),
    _llama("llama4", "Llama 4", "llama4", "https://www.llama.com/llama4/use-policy"),
    License(
        "ai2-impact-lr",
        "AI2 ImpACT License - Low Risk Artifacts (v2.0, 2024; Tülu 2 models)",
        None,  # the full text was not readable (the licence URL answers 404); terms not recorded
        "https://allenai.org/licenses/impact-lr",
        "other",
    ),
    License(
        "gemma",
        "Gemma Terms of Use (Gemma 1 to 3 and their variants; Gemma 4 is under Apache-2.0)",
        True,
        "https://ai.google.dev/gemma/terms",
        "gemma",
        attribution="a Notice file: “Gemma is provided under and subject to the Gemma Terms of "
        "Use found at ai.google.dev/gemma/terms”",
        use_policy="https://ai.google.dev/gemma/prohibited_use_policy",
        redistribution="pass its use restrictions on as an enforceable provision, give recipients "
        "a copy, mark modified files",
        derivatives_keep_terms=True,
    ),
    License(
        "tongyi-qianwen",
        "Tongyi Qianwen LICENSE AGREEMENT (Alibaba Cloud, 2023)",
        True,
        "https://github.com/QwenLM/Qwen/blob/main/LICENSE",
        "other",
        ("tongyi-qianwen", "tongyi-qianwen-license-agreement"),
        user_limit="commercial use with over 100 million monthly active users: licence from "
        "Alibaba Cloud",
        attribution="a Notice file: “Tongyi Qianwen is licensed under the Tongyi Qianwen LICENSE "
        "AGREEMENT, Copyright (c) Alibaba Cloud. All Rights Reserved.”",
        redistribution="a copy of the agreement, modified files marked; no use of it or its "
        "outputs to improve other LLMs",
    ),
    License(
        "tongyi-qianwen-research",
        "Tongyi Qianwen RESEARCH LICENSE AGREEMENT (non-commercial)",
        False,
        "https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20RESEARCH%20LICENSE%20AGREEMENT",
        "other",
        ("tongyi-qianwen-research",),
    ),
    License(
        "qwen",
        "Qwen LICENSE AGREEMENT (Alibaba Cloud, 2024; Qwen2.5-72B and others)",
        True,
        "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE",
        "other",
        ("qwen",),
        user_limit="commercial use with over 100 million monthly active users: licence from "
        "Alibaba Cloud",
        attribution="a model trained with it or its outputs displays “Built with Qwen” or "
        "“Improved using Qwen”",
    ),
    License(
        "qwen-research",
        "Qwen RESEARCH LICENSE AGREEMENT (2024; non-commercial)",
        False,
        "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE",
        "other",
        ("qwen-research",),
        attribution="a model trained with it or its outputs displays “Built with Qwen” or "
        "“Improved using Qwen”",
    ),
    License(
        "deepseek",
        "DeepSeek License Agreement v1.0 (model licence of DeepSeek LLM, Coder, V2, V3)",
        True,
        "https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL",
        "other",
        ("deepseek", "deepseek-license"),
        use_policy="its Attachment A use restrictions",
        redistribution="derivatives (distilled and synthetic-data-trained models included) must "
        "carry the same use restrictions; a copy of the licence, modified files marked",
    ),
    License(
        "mistral-research",
        "Mistral AI Research License (MRL 0.1): research and non-commercial use",
        False,
        "https://mistral.ai/licenses/MRL-0.1.md",
        "other",
        ("mrl",),
    ),
    License(
        "mistral-non-production",
        "Mistral AI Non-Production License (MNPL 0.1): no production or commercial use",
        False,
        "https://mistral.ai/licenses/MNPL-0.1.md",
        "other",
        ("mnpl",),
    ),
    License(
        "bigscience-bloom-rail-1.0",
        "BigScience RAIL License v1.0",
        True,
        hf_tag="bigscience-bloom-rail-1.0",
    ),
    License("bigscience-openrail-m", "BigScience Open RAIL-M", True, "", "bigscience-openrail-m"),
    License("openrail", "Open RAIL", True, hf_tag="openrail"),
    License("openrail-m", "Open RAIL-M", True),
    License(
        "openrail++",
        "CreativeML Open RAIL++-M (Stable Diffusion XL)",
        True,
        "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/LICENSE.md",
        "openrail++",
    ),
    License(
        "creativeml-openrail-m",
        "CreativeML Open RAIL-M",
        True,
        "https://huggingface.co/spaces/CompVis/stable-diffusion-license",
        "creativeml-openrail-m",
    ),
    License("bigcode-openrail-m", "BigCode Open RAIL-M v1", True, hf_tag="bigcode-openrail-m"),
    License("tii-falcon-llm-1.0", "TII Falcon LLM License 1.0", True),
    License(
        "falcon-180b-license",
        "Falcon-180B TII License 1.0 (hosting use needs a separate licence)",
        True,
        "https://huggingface.co/spaces/tiiuae/falcon-180b-license/blob/main/LICENSE.txt",
        "other",
    ),
    License(
        "tii-falcon-llm-2.0",
        "TII Falcon License 2.0 (Falcon 2 and 3)",
        True,
        "https://falconllm.tii.ae/falcon-terms-and-conditions.html",
        "other",
        ("falcon-llm-license",),
    ),
    License(
        "falcon-mamba-7b-license",
        "TII Falcon Mamba 7B License (Apache 2.0-based, with an acceptable-use policy)",
        True,
        "https://falconllm.tii.ae/falcon-mamba-7b-terms-and-conditions.html",
        "other",
        ("falcon-mamba-7b-license",),
    ),
    License(
        "dbrx-open-model-license",
        "Databricks Open Model License",
        True,
        "https://www.databricks.com/legal/open-model-license",
        "other",
    ),
    License(
        "nvidia-open-model-license",
        "NVIDIA Open Model License Agreement",
        True,
        "https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license/",
        "other",
        ("nvidia-open-model-license",),
    ),
    License(
        "nvidia-internal-research-license",
        "NVIDIA Internal Scientific Research and Development Model License (research only)",
        False,
        "https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-internal-scientific-research-and-development-model-license/",
        "other",
        ("nvidia-internal-scientific-research-and-development-model-license",),
    ),
    License(
        "jamba-open-model-license",
        "Jamba Open Model License (AI21)",
        True,
        "https://www.ai21.com/licenses/jamba-open-model-license",
        "other",
        ("jamba-open-model-license",),
    ),
    License(
        "apple-amlr",
        "Apple Machine Learning Research Model License (research only)",
        False,
        hf_tag="apple-amlr",
    ),
    License("apple-ascl", "Apple Sample Code License", True, hf_tag="apple-ascl"),
    License(
        "stabilityai-community",
        "Stability AI Community License",
        True,
        "https://stability.ai/community-license-agreement",
        "other",
        ("stabilityai-ai-community",),
    ),
    License(
        "stable-beluga-non-commercial",
        "Stable Beluga Non-Commercial Community License Agreement",
        False,
        "https://huggingface.co/stabilityai/StableBeluga2/blob/main/LICENSE.txt",
        "other",
    ),
    License(
        "yi-license",
        "Yi Series Models Community License Agreement 2.1",
        True,
        "https://github.com/01-ai/Yi/blob/main/MODEL_LICENSE_AGREEMENT.txt",
        "other",
        ("yi-license",),
        user_limit="free commercial use after an application to 01.AI",
    ),
    License(
        "baichuan-13b-community",
        "Community License for Baichuan-13B Model (commercial use after applying by email)",
        True,
        "https://huggingface.co/baichuan-inc/Baichuan-13B-Chat/resolve/main/Community%20License%20for%20Baichuan-13B%20Model.pdf",
        "other",
    ),
    License(
        "baichuan2-community",
        "Baichuan 2 Model Community License Agreement",
        True,
        "https://huggingface.co/baichuan-inc/Baichuan2-7B-Base/blob/main/Community%20License%20for%20Baichuan%202%20Model.pdf",
        "other",
        ("baichuan2-community-license",),
        user_limit="commercial use by application, for services under 1 million daily active "
        "users whose providers are not software or cloud service providers",
    ),
    License(
        "modified-mit",
        "Modified MIT License (Kimi K2; MiniMax-M2 cards use the same name for their own text)",
        True,
        "https://github.com/moonshotai/Kimi-K2/blob/main/LICENSE",
        "other",
        ("modified-mit",),
        attribution="products with over 100 million monthly active users or over 20 million "
        "US dollars monthly revenue display “Kimi K2” in their user interface",
    ),
    License(
        "chatglm3-6b-license",
        "The ChatGLM3-6B License (free commercial use after registration)",
        True,
        "https://github.com/THUDM/ChatGLM3/blob/main/MODEL_LICENSE",
        "other",
    ),
    License(
        "cogvlm",
        "The CogVLM License (CogVLM and CogVLM2; free commercial use after registration)",
        True,
        "https://github.com/THUDM/CogVLM/blob/main/MODEL_LICENSE",
        "other",
    ),
    License(
        "codegeex4",
        "The CodeGeeX4 License (free commercial use after registration)",
        True,
        "https://github.com/THUDM/CodeGeeX4/blob/main/MODEL_LICENSE",
        "other",
    ),
    License(
        "glm-4",
        "GLM-4 model licence (THUDM)",
        True,
        "https://huggingface.co/THUDM/glm-4-9b/blob/main/LICENSE",
        "other",
        ("glm-4",),
    ),
    License(
        "hunyuan-community",
        "Tencent Hunyuan Community License Agreement",
        True,
        "https://huggingface.co/tencent/Tencent-Hunyuan-Large/blob/main/LICENSE.txt",
        "other",
        ("tencent-license",),
    ),
    License(
        "minimax",
        "MiniMax model licence",
        True,
        "https://github.com/MiniMax-AI/MiniMax-01/blob/main/LICENSE",
        "other",
    ),
    License(
        "internlm",
        "InternLM weights licence (commercial use after application)",
        True,
        "https://github.com/InternLM/InternLM",
        "other",
    ),
    License("glm-130b-license", "GLM-130B licence (research; commercial use by request)", False),
    License(
        "codegeex-license",
        "The CodeGeeX License (model parameters; non-commercial research use only)",
        False,
        "https://github.com/THUDM/CodeGeeX/blob/main/MODEL_LICENSE",
    ),
    License(
        "alexatm-license",
        "Alexa Teacher Model License Agreement (Amazon; non-commercial use only)",
        False,
        "https://github.com/amazon-science/alexa-teacher-models/blob/main/MODEL_LICENSE.md",
        attribution="distributed copies carry the agreement and the notice “Alexa Teacher Model is "
        "licensed under the Alexa Teacher Model License Agreement, Copyright (c) Amazon.com, Inc. "
        "or its affiliates. All Rights Reserved.”",
    ),
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
    License(
        "openai-terms",
        "OpenAI terms of use (outputs; no weights released)",
        None,
        "https://openai.com/policies/terms-of-use",
    ),
    License(
        "anthropic-terms",
        "Anthropic's commercial and consumer terms (outputs; no weights released)",
        None,
        "https://www.anthropic.com/legal/commercial-terms",
    ),
    License(
        "xai-terms",
        "xAI's terms of service for Grok and its API (outputs; no weights released)",
        None,
        "https://x.ai/legal/terms-of-service",
    ),
    License(
        "grok-2-community",
        "Grok 2 Community License Agreement (attribution; no use to train other models)",
        None,
        "https://huggingface.co/xai-org/grok-2/blob/main/LICENSE",
        attribution="Powered by xAI",
    ),
    License(
        "google-terms",
        "Google's terms for Gemini and other closed models (no weights released)",
        None,
        "https://ai.google.dev/gemini-api/terms",
    ),
    License(
        "amazon-terms",
        "AWS service terms for Amazon Bedrock models (outputs; no weights released)",
        None,
        "https://aws.amazon.com/service-terms/",
    ),
    License("proprietary", "Proprietary: no licence to the weights or data", None),
    License("other", "Another licence: name it in notes", None, hf_tag="other"),
]

LICENSES: dict[str, License] = {lic.id: lic for lic in _LICENSES}
_BY_LOWER: dict[str, str] = {lic.id.lower(): lic.id for lic in _LICENSES}
_BY_HF_TAG: dict[str, str] = {}
_BY_HF_NAME: dict[str, str] = {}
for _lic in _LICENSES:
    if _lic.hf_tag and _lic.hf_tag != "other":
        _BY_HF_TAG.setdefault(_lic.hf_tag, _lic.id)
    for _name in _lic.hf_names:
        _BY_HF_NAME.setdefault(_name, _lic.id)


def canonical_license(value: str) -> str | None:
    """Return the licence id as written here, matching case-insensitively; None if unknown."""
    return _BY_LOWER.get(value.strip().lower())


def allows_commercial(license_id: str | None) -> bool | None:
    """Whether a licence allows commercial use; None when unknown or not applicable."""
    if license_id is None or license_id not in LICENSES:
        return None
    return LICENSES[license_id].commercial


def license_for_hf_tag(tag: str, name: str | None = None) -> str | None:
    """The licence id for a Hugging Face card's ``license:`` tag (and its ``license_name:``
    when the tag is ``other``, as Qwen, DeepSeek and Mistral cards write theirs); None if the
    registry cannot tell which licence it is.

    >>> license_for_hf_tag("llama3.1"), license_for_hf_tag("other", "tongyi-qianwen")
    ('llama3.1', 'tongyi-qianwen')
    """
    key = tag.strip().lower()
    if key == "other":
        named = (name or "").strip().lower()
        if not named:
            return None
        return _BY_HF_NAME.get(named) or canonical_license(named)
    return _BY_HF_TAG.get(key) or _BY_HF_NAME.get(key) or canonical_license(key)


def hf_tag(license_id: str) -> str | None:
    """The ``license:`` tag a Hugging Face card uses for this licence ("other" for licences
    that cards name in ``license_name:``, see :func:`hf_license_name`); None if it has none."""
    lic = LICENSES.get(license_id)
    if lic is None or not lic.hf_tag:
        return None
    return lic.hf_tag


def hf_license_name(license_id: str) -> str | None:
    """The ``license_name:`` a card writes beside ``license: other``, if the licence has one."""
    lic = LICENSES.get(license_id)
    return lic.hf_names[0] if lic and lic.hf_names else None
