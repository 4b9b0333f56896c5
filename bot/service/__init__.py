"""Running as a service: settings (`config`), start-up errors an operator can fix (`startup`), /healthz and
/metrics (`health`, `metrics`), structured logs (`logs`) and data retention (`retention`)."""
