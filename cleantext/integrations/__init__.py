"""Adapters that run cleantext inside other data-processing engines.

Each submodule imports its engine itself, so importing :mod:`cleantext` never pulls one in:

* :mod:`cleantext.integrations.datatrove` — ``CleantextFormatter``, a formatter block for
  datatrove pipelines (``pip install 'cleantext[datatrove]'``).
"""
