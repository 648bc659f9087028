"""Recognition: what a `Document` says, found by its printed words.

`recognize` finds 表二/表三/表四 by their labels (`labels`) in the documents' lines of
tokens (`tokens`); `narrative` takes the title, the parts' prose and the metadata.
Recognition never reads files: the readers (`ingest.readers`) turn sources into a
`Document` first.
"""
