using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RxStreams.Analyzers;

/// <summary>
/// Flags an operator of <c>System.Reactive.Linq.Observable</c> applied to an event-time stream (a type that implements
/// <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c>), as the stream it is invoked on or, for a static method such as
/// <c>Observable.Concat(a, b)</c>, as an argument: it would treat watermarks, idle marks and barriers as values.
/// RXS0001 for record operators, RXS0002 for processing-time operators. Operators that pass every element on
/// unchanged (<c>Publish</c>, <c>Synchronize</c>, <c>ObserveOn</c>, <c>Do</c>, ...) are not flagged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PlainRxOperatorAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the record type as the code fix should write it.</summary>
    internal const string RecordTypeProperty = "RecordType";

    /// <summary>Diagnostic property, present when RxStreams has an event-time operator of the same name.</summary>
    internal const string EventTimeVersionProperty = "EventTimeVersion";

    /// <summary>Diagnostic property, present when the operator is an extension method, whose first argument takes <c>.Values()</c>.</summary>
    internal const string ExtensionProperty = "Extension";

    // Operators that pass every element on unchanged, in order, or only share or move the stream.
    private static readonly ImmutableHashSet<string> ElementNeutral = ImmutableHashSet.Create(
        "AsObservable", "AutoConnect", "Catch", "Do", "Finally", "ForEachAsync", "Materialize", "Multicast",
        "ObserveOn", "OnErrorResumeNext", "Publish", "RefCount", "Replay", "Retry", "Subscribe", "SubscribeOn",
        "Synchronize");

    // Operators whose meaning is processing time even where no parameter says so.
    private static readonly ImmutableHashSet<string> ProcessingTime = ImmutableHashSet.Create(
        "Delay", "DelaySubscription", "Sample", "Throttle", "TimeInterval", "Timeout", "Timestamp");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PlainOperator, Descriptors.ProcessingTimeOperator);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(EventTimeStreams.StreamElementName) is not { } streamElement)
            {
                return;
            }

            var eventTimeNames = EventTimeStreams.OperatorNames(streamElement);
            start.RegisterOperationAction(c => Analyze(c, streamElement, eventTimeNames), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol streamElement, ImmutableHashSet<string> eventTimeNames)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!IsRxObservable(method.ContainingType) || ElementNeutral.Contains(method.Name) ||
            EventTimeArgument(invocation, streamElement) is not ({ } receiverType, { } recordType))
        {
            return;
        }

        var model = invocation.SemanticModel;
        var position = invocation.Syntax.SpanStart;
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(RecordTypeProperty, model is null ? recordType.ToDisplayString() : recordType.ToMinimalDisplayString(model, position));
        var hasEventTimeVersion = eventTimeNames.Contains(method.Name);
        if (hasEventTimeVersion)
        {
            properties.Add(EventTimeVersionProperty, "true");
        }

        if (method.IsExtensionMethod)
        {
            properties.Add(ExtensionProperty, "true");
        }

        var streamType = model is null ? receiverType.ToDisplayString() : receiverType.ToMinimalDisplayString(model, position);
        var location = Location(invocation.Syntax);
        if (IsProcessingTime(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ProcessingTimeOperator, location, properties.ToImmutable(), method.Name, streamType));
            return;
        }

        var advice = hasEventTimeVersion
            ? $"use RxStreams' event-time {method.Name} (import the RxStreams namespace; where a lambda also fits StreamElement, type its parameter as {properties[RecordTypeProperty]}), or call .Values() first to work on plain values"
            : "call .Values() first to work on plain values, or use an RxStreams operator (windows, KeyBy, Process)";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.PlainOperator, location, properties.ToImmutable(), method.Name, streamType, advice));
    }

    private static bool IsRxObservable(INamedTypeSymbol type) =>
        type is { Name: "Observable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "Reactive", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static bool IsProcessingTime(IMethodSymbol method)
    {
        if (ProcessingTime.Contains(method.Name))
        {
            return true;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is { Name: "TimeSpan" or "DateTimeOffset", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } or
                { Name: "IScheduler", ContainingNamespace.Name: "Concurrency" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The event-time stream the operator is applied to, and its record type: the stream an extension method is
    /// invoked on, or for a static method such as <c>Observable.Concat(a, b)</c> the first event-time argument
    /// (a <c>params</c> array's items included), before its implicit conversion to the parameter type.
    /// </summary>
    private static (ITypeSymbol? Stream, ITypeSymbol? Record) EventTimeArgument(IInvocationOperation invocation, INamedTypeSymbol streamElement)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal != 0)
            {
                continue;
            }

            var values = argument.Value is IArrayCreationOperation { IsImplicit: true, Initializer: { } items } ? items.ElementValues : ImmutableArray.Create(argument.Value);
            foreach (var item in values)
            {
                var value = item;
                while (value is IConversionOperation { IsImplicit: true } conversion)
                {
                    value = conversion.Operand;
                }

                if (value.Type is { } type && EventTimeStreams.RecordType(type, streamElement) is { } record)
                {
                    return (type, record);
                }
            }
        }

        return (null, null);
    }

    /// <summary>The operator's name in <c>stream.Operator(...)</c>; the whole call otherwise (a static call, a query clause).</summary>
    private static Location Location(SyntaxNode syntax) =>
        syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } ? member.Name.GetLocation() : syntax.GetLocation();
}
