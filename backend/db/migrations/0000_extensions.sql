-- btree_gist lets exclusion constraints mix equality (creator) with range overlap (booking times).
CREATE EXTENSION IF NOT EXISTS btree_gist;
