"""The property management app used by front desk, housekeeping and managers."""
