using StackExchange.Redis;

namespace RxStreams.Services.Tests.Services;

[Collection(nameof(ServicesCollection))]
public class LocalServicesTest(LocalServices services)
{
    [Fact]
    public void RedisAnswersOnLoopback()
    {
        using var redis = ConnectionMultiplexer.Connect(services.Redis.Configuration + ",allowAdmin=true");
        var db = redis.GetDatabase();
        db.StringSet("services-test", "ok");
        Assert.Equal("ok", (string?)db.StringGet("services-test"));
        Assert.Equal("127.0.0.1", (string?)redis.GetServer(redis.GetEndPoints()[0]).ConfigGet("bind")[0].Value);
    }

    [Fact]
    public void PostgresAnswersOnLoopbackWithPreparedTransactionsOn()
    {
        Assert.Equal("20", services.Postgres.Scalar<string>("SHOW max_prepared_transactions"));
        Assert.Equal("127.0.0.1", services.Postgres.Scalar<string>("SHOW listen_addresses"));
        Assert.Equal("postgres", services.Postgres.Scalar<string>("SELECT current_user"));
    }
}
