"""Maintenance: work orders for a room or an area, with photos, and out-of-order until done."""
