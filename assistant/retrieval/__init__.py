"""The retrieval index of past reports and regulations (Chroma + Chinese BM25, fused)."""
