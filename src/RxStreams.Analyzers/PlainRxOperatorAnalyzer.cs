using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RxStreams.Analyzers;

/// <summary>
/// Flags an operator of <c>System.Reactive.Linq.Observable</c> invoked on an event-time stream (a type that implements
/// <c>IObservable&lt;StreamElement&lt;T&gt;&gt;</c>): it would treat watermarks, idle marks and barriers as values.
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
        if (!method.IsExtensionMethod || !IsRxObservable(method.ContainingType) || ElementNeutral.Contains(method.Name) ||
            Receiver(invocation) is not { Type: { } receiverType } ||
            EventTimeStreams.RecordType(receiverType, streamElement) is not { } recordType)
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

    /// <summary>The stream the extension method is invoked on, before its implicit conversion to the parameter type.</summary>
    private static IOperation? Receiver(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                var value = argument.Value;
                while (value is IConversionOperation { IsImplicit: true } conversion)
                {
                    value = conversion.Operand;
                }

                return value;
            }
        }

        return null;
    }

    /// <summary>The operator's name in <c>stream.Operator(...)</c>; the whole call otherwise (a static call, a query clause).</summary>
    private static Location Location(SyntaxNode syntax) =>
        syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } ? member.Name.GetLocation() : syntax.GetLocation();
}
