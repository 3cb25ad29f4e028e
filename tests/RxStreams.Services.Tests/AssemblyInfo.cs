// The services tests start Linux servers (redis-server, PostgreSQL) as Linux processes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
