"""The two store implementations behind index.store's protocol, and copying between them."""
