"""After all demo content exists, index it in one pass."""

from novanet.demo import finisher


@finisher
def rebuild(context):
    from novanet.search import index

    index.rebuild()
