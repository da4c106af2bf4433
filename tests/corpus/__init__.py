"""Real-world specs: the whole OpenAI spec (test_openai_full.py) and the corpus of
../shared/corpus (run.py, test_corpus.py)."""
