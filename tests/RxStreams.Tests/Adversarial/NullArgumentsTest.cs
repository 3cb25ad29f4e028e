using System.Linq.Expressions;
using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using System.Reflection;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// Bad input for every public operator: each public method of the library's static classes and of its stream types
/// (keyed, windowed, connected, parallel), called with null for any parameter not declared nullable, throws
/// <see cref="ArgumentNullException"/> naming that parameter at once, not a <see cref="NullReferenceException"/> later.
/// </summary>
public class NullArgumentsTest
{
    private static readonly NullabilityInfoContext Nullability = new();

    [Fact]
    public void EveryPublicOperatorRefusesANullArgumentNamingIt()
    {
        var failures = new List<string>();
        var checkedCalls = 0;
        foreach (var (receiver, method) in Methods())
        {
            var parameters = method.GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                if (parameter.ParameterType.IsValueType || Nullability.Create(parameter).WriteState == NullabilityState.Nullable)
                {
                    continue;
                }

                var arguments = new object?[parameters.Length];
                var complete = true;
                for (var j = 0; j < parameters.Length && complete; j++)
                {
                    complete = j == i || TryMake(parameters[j].ParameterType, out arguments[j]);
                }

                if (!complete)
                {
                    failures.Add($"{Name(method)}: no test value for a parameter (extend {nameof(TryMake)})");
                    break;
                }

                checkedCalls++;
                try
                {
                    method.Invoke(receiver, arguments);
                    failures.Add($"{Name(method)}({parameter.Name}: null) did not throw");
                }
                catch (TargetInvocationException ex) when (ex.InnerException is ArgumentNullException nullError && nullError.ParamName == parameter.Name)
                {
                }
                catch (TargetInvocationException ex)
                {
                    failures.Add($"{Name(method)}({parameter.Name}: null) threw {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCalls} calls:\n" + string.Join("\n", failures));
        Assert.True(checkedCalls >= 120, $"only {checkedCalls} calls were checked");
    }

    /// <summary>Public static methods of the static classes, and public instance methods of the stream types on an instance.</summary>
    private static IEnumerable<(object? Receiver, MethodInfo Method)> Methods()
    {
        var assembly = typeof(StreamElement).Assembly;
        foreach (var type in assembly.GetExportedTypes().Where(t => t is { IsAbstract: true, IsSealed: true }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (Close(method) is { } closed)
                {
                    yield return (null, closed);
                }
            }
        }

        var source = new Subject<StreamElement<string>>();
        var keyed = source.KeyBy(v => v);
        object[] instances =
        [
            keyed,
            keyed.Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))),
            source.Connect(new Subject<StreamElement<string>>()),
            source.Connect(new Subject<StreamElement<string>>()).KeyBy(v => v, v => v),
            source.Partition(RxStreams.Exchange.Rebalance, 2),
        ];
        foreach (var instance in instances)
        {
            foreach (var method in instance.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!method.IsSpecialName && Close(method) is { } closed)
                {
                    yield return (instance, closed);
                }
            }
        }
    }

    /// <summary>The method with its type parameters bound to string or int, when either satisfies its constraints.</summary>
    private static MethodInfo? Close(MethodInfo method)
    {
        if (!method.IsGenericMethodDefinition)
        {
            return method;
        }

        foreach (var type in new[] { typeof(string), typeof(int) })
        {
            try
            {
                return method.MakeGenericMethod([.. method.GetGenericArguments().Select(_ => type)]);
            }
            catch (ArgumentException)
            {
                // A constraint refused it.
            }
        }

        return null;
    }

    private static bool TryMake(Type type, out object? value)
    {
        value = type switch
        {
            _ when type == typeof(string) => "x",
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(1),
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) => Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture),
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
            _ when Nullable.GetUnderlyingType(type) is not null => null,
            _ when type.IsValueType => Activator.CreateInstance(type),
            _ when type == typeof(IScheduler) => ImmediateScheduler.Instance,
            _ when type == typeof(Type) => typeof(int),
            _ when type == typeof(StreamMetrics) => new StreamMetrics(ImmediateScheduler.Instance),
            _ when type == typeof(WindowExplainer) => new WindowExplainer(ImmediateScheduler.Instance),
            _ when type == typeof(WatermarkStrategy) => WatermarkStrategy.ForMonotonousTimestamps(),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyedStream<,>) => Keyed(type),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAggregateFunction<,,>) =>
                Activator.CreateInstance(typeof(NoAggregate<,,>).MakeGenericType(type.GetGenericArguments())),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyCollection<>)) =>
                Array.CreateInstance(type.GetGenericArguments()[0], 0),
            _ when type == typeof(WindowAssigner) || type.IsAssignableFrom(typeof(TumblingEventTimeWindows)) => TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)),
            _ when type == typeof(RxStreams.Exchange) => RxStreams.Exchange.Rebalance,
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(RxStreams.Sinks.Sink<>) =>
                Activator.CreateInstance(typeof(RxStreams.Sinks.ConsoleSink<>).MakeGenericType(type.GetGenericArguments()), (Action<string>)(_ => { }), null, null),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IObservable<>) =>
                Activator.CreateInstance(typeof(Subject<>).MakeGenericType(type.GetGenericArguments())),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEqualityComparer<>) =>
                typeof(EqualityComparer<>).MakeGenericType(type.GetGenericArguments()).GetProperty("Default")!.GetValue(null),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IComparer<>) =>
                typeof(Comparer<>).MakeGenericType(type.GetGenericArguments()).GetProperty("Default")!.GetValue(null),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Text.Json.Serialization.Metadata.JsonTypeInfo<>) =>
                System.Text.Json.JsonSerializerOptions.Default.GetTypeInfo(type.GetGenericArguments()[0]),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Threading.Channels.ChannelReader<>) =>
                Channel(type.GetGenericArguments()[0]),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>) =>
                typeof(System.Threading.Channels.ChannelReader<>).MakeGenericType(type.GetGenericArguments()).GetMethod("ReadAllAsync")!.Invoke(Channel(type.GetGenericArguments()[0]), [default(System.Threading.CancellationToken)]),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(RxStreams.State.IStateSerializer<>) =>
                typeof(RxStreams.State.StateSerializers).GetMethod(nameof(RxStreams.State.StateSerializers.Get))!.MakeGenericMethod(type.GetGenericArguments()).Invoke(null, null),
            _ when typeof(Delegate).IsAssignableFrom(type) => Lambda(type),
            _ when type.IsArray => Array.CreateInstance(type.GetElementType()!, 0),
            _ when type.GetConstructor(Type.EmptyTypes) is { } constructor => constructor.Invoke(null),
            _ when type.GetConstructor([typeof(string)]) is { } named => named.Invoke(["x"]),
            _ => Missing.Value,
        };
        return value != Missing.Value;
    }

    /// <summary>The reading side of a new unbounded channel of <paramref name="item"/>.</summary>
    private static object Channel(Type item)
    {
        var channel = typeof(System.Threading.Channels.Channel).GetMethod("CreateUnbounded", Type.EmptyTypes)!.MakeGenericMethod(item).Invoke(null, null)!;
        return channel.GetType().GetProperty("Reader")!.GetValue(channel)!;
    }

    /// <summary>A keyed stream of the given key and record types, over a subject.</summary>
    private static object Keyed(Type type)
    {
        var (key, record) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
        var keyBy = typeof(KeyedExtensions).GetMethods().Single(m => m.Name == nameof(KeyedExtensions.KeyBy) && m.GetParameters().Length == 4)
            .MakeGenericMethod(record, key);
        var source = Activator.CreateInstance(typeof(Subject<>).MakeGenericType(typeof(StreamElement<>).MakeGenericType(record)));
        return keyBy.Invoke(null, [source, Lambda(typeof(Func<,>).MakeGenericType(record, key)), null, null])!;
    }

    private static Delegate Lambda(Type type)
    {
        var invoke = type.GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType)).ToArray();
        Expression body = invoke.ReturnType == typeof(void) ? Expression.Empty() : Expression.Default(invoke.ReturnType);
        return Expression.Lambda(type, body, parameters).Compile();
    }

    private sealed class NoAggregate<T, TAccumulator, TResult> : IAggregateFunction<T, TAccumulator, TResult>
    {
        public TAccumulator CreateAccumulator() => default!;

        public void Add(ref TAccumulator accumulator, T value)
        {
        }

        public TResult GetResult(in TAccumulator accumulator) => default!;

        public TAccumulator Merge(TAccumulator a, TAccumulator b) => a;
    }

    private static string Name(MethodInfo method) => $"{method.DeclaringType?.Name}.{method.Name}";
}
