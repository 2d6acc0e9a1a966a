// The transports' public types (RequestSpec, TransportOptions, ErrorKind, HTTPExchange,
// the ExchangeTransports) are part of the engine's API: whoever plans a run names them, so importing
// LoadEngine brings them along.
@_exported import Transports
