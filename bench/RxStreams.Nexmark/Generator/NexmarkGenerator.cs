using System;

namespace RxStreams.Nexmark;

/// <summary>
/// The deterministic Nexmark event generator, after the standard one (Apache Beam's <c>NexmarkUtils</c> /
/// <c>GeneratorConfig</c>): event <c>n</c> is a person when <c>n mod 50 = 0</c>, an auction when it is 1 to 3, and a
/// bid otherwise (1 person : 3 auctions : 46 bids). Ids are dense from <see cref="FirstPersonId"/> and
/// <see cref="FirstAuctionId"/>; sellers, bidders and auctions are chosen among the recent ones, with hot ones, and a
/// bid may name one of the next 10 auctions or people, as in the standard generator.
/// </summary>
/// <remarks>
/// Event <c>n</c> has the in-order time <c>BaseTime + n · 1000 / EventsPerSecond</c> minus a jitter uniform in
/// [0, <see cref="GeneratorConfig.MaxOutOfOrderness"/>]: time advances at the configured rate, out of order by at most
/// that bound. Strings come from small pools, so generating is cheap and not what a benchmark measures.
/// </remarks>
public static class NexmarkGenerator
{
    /// <summary>The id of the first person.</summary>
    public const long FirstPersonId = 1000;

    /// <summary>The id of the first auction.</summary>
    public const long FirstAuctionId = 1000;

    /// <summary>The first category; there are <see cref="Categories"/> of them.</summary>
    public const long FirstCategoryId = 10;

    /// <summary>The number of categories.</summary>
    public const int Categories = 5;

    /// <summary>Persons per <see cref="TotalProportion"/> events.</summary>
    public const int PersonProportion = 1;

    /// <summary>Auctions per <see cref="TotalProportion"/> events.</summary>
    public const int AuctionProportion = 3;

    /// <summary>Bids per <see cref="TotalProportion"/> events.</summary>
    public const int BidProportion = 46;

    /// <summary>The length of the repeating person/auction/bid pattern.</summary>
    public const int TotalProportion = PersonProportion + AuctionProportion + BidProportion;

    private const int HotAuctionGroup = 100;
    private const int HotSellerGroup = 100;
    private const int HotBidderGroup = 100;
    private const int IdLead = 10;

    /// <summary>The state codes of the generated people.</summary>
    public static readonly string[] States = ["AZ", "CA", "ID", "OR", "WA", "WY"];

    private static readonly string[] Cities = ["Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"];
    private static readonly string[] FirstNames = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"];
    private static readonly string[] LastNames = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];
    private static readonly Pools SharedPools = new();

    /// <summary>Generates events <c>0 … count − 1</c> into a new array.</summary>
    /// <param name="count">How many events.</param>
    /// <param name="config">The settings.</param>
    public static Event[] Generate(int count, GeneratorConfig config)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var events = new Event[count];
        var random = new SplitMix64(config.Seed);
        var pools = SharedPools;
        for (var n = 0; n < events.Length; n++)
        {
            events[n] = Next(n, config, ref random, pools);
        }

        return events;
    }

    /// <summary>The in-order time of event <paramref name="n"/>, before the jitter.</summary>
    /// <param name="n">The event number.</param>
    /// <param name="config">The settings.</param>
    public static long InOrderTime(long n, GeneratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.BaseTime + (n * 1000 / config.EventsPerSecond);
    }

    private static Event Next(long n, GeneratorConfig config, ref SplitMix64 random, Pools pools)
    {
        var time = InOrderTime(n, config) - random.NextLong(config.MaxOutOfOrdernessMs + 1);
        var offset = n % TotalProportion;
        if (offset < PersonProportion)
        {
            return new Event(NextPerson(n, time, ref random, pools));
        }

        if (offset < PersonProportion + AuctionProportion)
        {
            return new Event(NextAuction(n, time, config, ref random, pools));
        }

        return new Event(NextBid(n, time, config, ref random, pools));
    }

    private static Person NextPerson(long n, long time, ref SplitMix64 random, Pools pools)
    {
        var id = FirstPersonId + LastBase0PersonId(n);
        var first = random.NextInt(FirstNames.Length);
        var last = random.NextInt(LastNames.Length);
        return new Person(
            id,
            pools.Names[(first * LastNames.Length) + last],
            pools.Emails[random.NextInt(pools.Emails.Length)],
            pools.CreditCards[random.NextInt(pools.CreditCards.Length)],
            Cities[random.NextInt(Cities.Length)],
            States[random.NextInt(States.Length)],
            time,
            pools.Extras[random.NextInt(pools.Extras.Length)]);
    }

    private static Auction NextAuction(long n, long time, GeneratorConfig config, ref SplitMix64 random, Pools pools)
    {
        var id = FirstAuctionId + LastBase0AuctionId(n);
        var seller = random.NextInt(config.HotSellerRatio) > 0
            ? LastBase0PersonId(n) / HotSellerGroup * HotSellerGroup
            : NextBase0PersonId(n, config, ref random);
        var initialBid = NextPrice(ref random);
        var average = config.AverageAuctionLengthMs;
        var length = (average / 2) + random.NextLong(average + 1);
        return new Auction(
            id,
            pools.ItemNames[random.NextInt(pools.ItemNames.Length)],
            pools.Descriptions[random.NextInt(pools.Descriptions.Length)],
            initialBid,
            initialBid + NextPrice(ref random),
            time,
            time + length,
            FirstPersonId + seller,
            FirstCategoryId + random.NextInt(Categories),
            pools.Extras[random.NextInt(pools.Extras.Length)]);
    }

    private static Bid NextBid(long n, long time, GeneratorConfig config, ref SplitMix64 random, Pools pools)
    {
        long auction;
        if (random.NextInt(config.HotAuctionRatio) > 0)
        {
            auction = LastBase0AuctionId(n) / HotAuctionGroup * HotAuctionGroup;
        }
        else
        {
            var last = LastBase0AuctionId(n);
            var min = Math.Max(last - config.InFlightAuctions, 0);
            auction = min + random.NextLong(last - min + 1 + IdLead);
        }

        var bidder = random.NextInt(config.HotBidderRatio) > 0
            ? (LastBase0PersonId(n) / HotBidderGroup * HotBidderGroup) + 1
            : NextBase0PersonId(n, config, ref random);
        var channel = random.NextInt(pools.Channels.Length);
        return new Bid(
            FirstAuctionId + auction,
            FirstPersonId + bidder,
            NextPrice(ref random),
            pools.Channels[channel],
            pools.Urls[channel],
            time,
            pools.Extras[random.NextInt(pools.Extras.Length)]);
    }

    /// <summary>The base-0 id of the last person created at or before event <paramref name="n"/>.</summary>
    private static long LastBase0PersonId(long n)
    {
        var epoch = n / TotalProportion;
        var offset = n % TotalProportion;
        if (offset >= PersonProportion)
        {
            offset = PersonProportion - 1;
        }

        return (epoch * PersonProportion) + offset;
    }

    /// <summary>The base-0 id of the last auction created at or before event <paramref name="n"/>.</summary>
    private static long LastBase0AuctionId(long n)
    {
        var epoch = n / TotalProportion;
        var offset = n % TotalProportion;
        if (offset < PersonProportion)
        {
            epoch--;
            offset = AuctionProportion - 1;
        }
        else if (offset >= PersonProportion + AuctionProportion)
        {
            offset = AuctionProportion - 1;
        }
        else
        {
            offset -= PersonProportion;
        }

        return Math.Max(0, (epoch * AuctionProportion) + offset);
    }

    /// <summary>One of the active people, or one of the next <see cref="IdLead"/> to register.</summary>
    private static long NextBase0PersonId(long n, GeneratorConfig config, ref SplitMix64 random)
    {
        var people = LastBase0PersonId(n) + 1;
        var active = Math.Min(people, config.ActivePeople);
        return people - active + random.NextLong(active + IdLead);
    }

    /// <summary>A price in cents, log-uniform between $1 and $1,000,000.</summary>
    private static long NextPrice(ref SplitMix64 random) => (long)Math.Round(Math.Pow(10.0, random.NextDouble() * 6.0) * 100.0);

    /// <summary>The string pools, built once from a fixed seed.</summary>
    private sealed class Pools
    {
        public Pools()
        {
            var random = new SplitMix64(7);
            Names = new string[FirstNames.Length * LastNames.Length];
            for (var f = 0; f < FirstNames.Length; f++)
            {
                for (var l = 0; l < LastNames.Length; l++)
                {
                    Names[(f * LastNames.Length) + l] = FirstNames[f] + " " + LastNames[l];
                }
            }

            Emails = Fill(64, ref random, (ref SplitMix64 r) => Text(ref r, 7) + "@" + Text(ref r, 5) + ".com");
            CreditCards = Fill(64, ref random, (ref SplitMix64 r) =>
                string.Join(' ', Digits(ref r), Digits(ref r), Digits(ref r), Digits(ref r)));
            ItemNames = Fill(64, ref random, (ref SplitMix64 r) => Text(ref r, 20));
            Descriptions = Fill(64, ref random, (ref SplitMix64 r) => Text(ref r, 100));
            Extras = Fill(64, ref random, (ref SplitMix64 r) => Text(ref r, r.NextInt(120)));
            Channels = new string[100];
            Urls = new string[100];
            string[] known = ["Google", "Facebook", "Baidu", "Apple"];
            for (var i = 0; i < Channels.Length; i++)
            {
                Channels[i] = i < known.Length ? known[i] : "channel-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Urls[i] = "https://www.nexmark.com/" + Text(ref random, 5) + "/item.htm?query=1&channel_id=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        private delegate string Make(ref SplitMix64 random);

        public string[] Names { get; }

        public string[] Emails { get; }

        public string[] CreditCards { get; }

        public string[] ItemNames { get; }

        public string[] Descriptions { get; }

        public string[] Extras { get; }

        public string[] Channels { get; }

        public string[] Urls { get; }

        private static string[] Fill(int count, ref SplitMix64 random, Make make)
        {
            var pool = new string[count];
            for (var i = 0; i < pool.Length; i++)
            {
                pool[i] = make(ref random);
            }

            return pool;
        }

        private static string Text(ref SplitMix64 random, int length)
        {
            var chars = new char[length];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + random.NextInt(26));
            }

            return new string(chars);
        }

        private static string Digits(ref SplitMix64 random) =>
            random.NextInt(10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>SplitMix64: a small, fast generator whose sequence is fixed by the seed on every runtime.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, bound) for a positive bound.</summary>
    public int NextInt(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);

    /// <summary>Uniform in [0, bound) for a positive bound (modulo bias below 2^-40 for the bounds used here).</summary>
    public long NextLong(long bound) => (long)(Next() % (ulong)bound);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
