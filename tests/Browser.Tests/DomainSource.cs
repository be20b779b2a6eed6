using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workflows.Browser.Tests;

/// <summary>
/// The domain's source (workflows/), read as syntax, to find the codes the UI must name without a hand
/// list that goes stale: every case status the workflows can write, every case section and the fields of
/// its data, every field a validation error can name. A string expression is followed to its values
/// through literals, constants, conditionals, switch arms, locals and the arguments of every call of the
/// method whose parameter it is, pattern variables, positional record properties and the returns of the
/// methods a string comes from (see DomainSource.Flow.cs). What cannot be followed is reported, so that a
/// new kind of expression fails the test instead of slipping past it.
/// </summary>
public sealed partial class DomainSource
{
    /// <summary>Stands for the part of a string only known at run time (an interpolation hole, an unknown operand).</summary>
    public const char Hole = '\0';

    private readonly IReadOnlyList<SyntaxNode> _roots;

    private DomainSource(IReadOnlyList<SyntaxNode> roots) => _roots = roots;

    /// <summary>The domain project's source.</summary>
    public static DomainSource Workflows { get; } = Load(Path.Combine(Paths.Root, "workflows"));

    /// <summary>The host's source (functions/), for the codes it adds itself (why a channel could not deliver...).</summary>
    public static DomainSource Functions { get; } = Load(Path.Combine(Paths.Root, "functions"));

    private IEnumerable<SyntaxNode> Nodes => _roots.SelectMany(r => r.DescendantNodes());

    public static DomainSource Load(string folder) =>
        new(Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f).GetRoot())
            .ToList());

    /// <summary>Every status a case can have: the default of <c>CaseRecord.Status</c> and every <c>status:</c> given to <c>RecordAsync</c> (which <c>FinishAsync</c> uses for outcomes).</summary>
    public Values CaseStatuses()
    {
        var values = new Values();
        foreach (var property in Nodes.OfType<PropertyDeclarationSyntax>().Where(p => p is { Identifier.Text: "Status", Initializer: not null, Parent: TypeDeclarationSyntax { Identifier.Text: "CaseRecord" } }))
        {
            Evaluate(property.Initializer!.Value, values);
        }

        foreach (var argument in Invocations("RecordAsync").SelectMany(i => i.ArgumentList.Arguments).Where(a => a.NameColon?.Name.Identifier.Text == "status"))
        {
            Evaluate(argument.Expression, values);
        }

        return values;
    }

    /// <summary>
    /// The case sections the domain writes (<c>RecordAsync(section:, data:)</c>, <c>new CaseSection { Name, Data }</c>,
    /// <c>Section(tier, name, data)</c>): their names (a name built at run time, <c>bestInterests-{child}</c>, gives its
    /// prefix) and the property names of their data.
    /// </summary>
    public (Values Names, SortedSet<string> Fields) CaseSections()
    {
        var names = new Values();
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, data) in Sections())
        {
            if (name is not null)
            {
                Evaluate(name, names);
            }

            if (data is not null)
            {
                AddDataFields(data, fields);
            }
        }

        return (names, fields);
    }

    /// <summary>
    /// The members of the anonymous objects written as section data (<c>new { outcome, track = "Undecided" }</c>):
    /// each field (camelCase) with the expressions that give its value.
    /// </summary>
    public IReadOnlyDictionary<string, List<ExpressionSyntax>> SectionDataMembers()
    {
        var members = new SortedDictionary<string, List<ExpressionSyntax>>(StringComparer.Ordinal);
        foreach (var data in Sections().Select(s => s.Data).OfType<ExpressionSyntax>())
        {
            var anonymous = data is InvocationExpressionSyntax invocation && NameOf(invocation) == "SerializeToElement" ? invocation.ArgumentList.Arguments[0].Expression : data;
            foreach (var member in (anonymous as AnonymousObjectCreationExpressionSyntax)?.Initializers ?? [])
            {
                if (MemberName(member) is { } name)
                {
                    (members.TryGetValue(name, out var list) ? list : members[name] = []).Add(member.Expression);
                }
            }
        }

        return members;
    }

    /// <summary>
    /// Every section the domain writes, as its name and data expressions: <c>RecordAsync(section:, data:)</c>,
    /// <c>new CaseSection { Name, Data }</c>, <c>Section(tier, name, data)</c>.
    /// </summary>
    private IEnumerable<(ExpressionSyntax? Name, ExpressionSyntax? Data)> Sections()
    {
        foreach (var invocation in Invocations("RecordAsync"))
        {
            var arguments = invocation.ArgumentList.Arguments;
            yield return (arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == "section")?.Expression, arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == "data")?.Expression);
        }

        foreach (var creation in Nodes.OfType<BaseObjectCreationExpressionSyntax>().Where(c => c is ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.Text: "CaseSection" } } && c.Initializer is not null))
        {
            var assignments = creation.Initializer!.Expressions.OfType<AssignmentExpressionSyntax>().ToList();
            ExpressionSyntax? Assigned(string property) => assignments.FirstOrDefault(a => (a.Left as IdentifierNameSyntax)?.Identifier.Text == property)?.Right;
            yield return (Assigned("Name"), Assigned("Data"));
        }

        foreach (var invocation in Invocations("Section").Where(i => i.ArgumentList.Arguments.Count == 3))
        {
            yield return (invocation.ArgumentList.Arguments[1].Expression, invocation.ArgumentList.Arguments[2].Expression);
        }
    }

    /// <summary>The field paths of every <c>new FieldError(field, ...)</c>, as far as they are known before run time.</summary>
    public Values ErrorFields()
    {
        var values = new Values();
        foreach (var creation in Nodes.OfType<ObjectCreationExpressionSyntax>().Where(c => c.Type is IdentifierNameSyntax { Identifier.Text: "FieldError" } && c.ArgumentList is { Arguments.Count: > 0 }))
        {
            Evaluate(creation.ArgumentList!.Arguments[0].Expression, values);
        }

        return values;
    }

    /// <summary>The string elements of a static array field (<c>Triggers = ["a", "b"]</c>) of a type.</summary>
    public IReadOnlyList<string> StaticArray(string typeName, string fieldName)
    {
        var declarator = Nodes.OfType<VariableDeclaratorSyntax>()
            .Single(v => v.Identifier.Text == fieldName && v.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text == typeName);
        var values = new Values();
        foreach (var element in Elements(declarator.Initializer!.Value) ?? throw new InvalidOperationException($"{typeName}.{fieldName} is not an array literal."))
        {
            Evaluate(element, values);
        }

        Assert.True(values.Unresolved.Count == 0, string.Join(Environment.NewLine, values.Unresolved));
        return [.. values.Known];
    }

    private IEnumerable<InvocationExpressionSyntax> Invocations(string name) =>
        Nodes.OfType<InvocationExpressionSyntax>().Where(i => NameOf(i) == name);

    private static string? NameOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax id => id.Identifier.Text,
        GenericNameSyntax generic => generic.Identifier.Text,
        MemberAccessExpressionSyntax { Name: var name } => name.Identifier.Text,
        _ => null,
    };

    private static IEnumerable<ExpressionSyntax>? Elements(ExpressionSyntax expression) => expression switch
    {
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions,
        _ => null,
    };

    /// <summary>Adds the values <paramref name="expression"/> can have.</summary>
    private void Evaluate(ExpressionSyntax expression, Values values, HashSet<SyntaxNode>? visited = null)
    {
        visited ??= [];
        if (!visited.Add(expression))
        {
            return;
        }

        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                values.Add(literal.Token.ValueText);
                break;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression):
                break;
            case ParenthesizedExpressionSyntax parenthesized:
                Evaluate(parenthesized.Expression, values, visited);
                break;
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                Evaluate(suppressed.Operand, values, visited);
                break;
            case ConditionalExpressionSyntax conditional:
                Evaluate(conditional.WhenTrue, values, visited);
                Evaluate(conditional.WhenFalse, values, visited);
                break;
            case SwitchExpressionSyntax switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    Evaluate(arm.Expression, values, visited);
                }

                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.CoalesceExpression):
                Evaluate(binary.Left, values, visited);
                Evaluate(binary.Right, values, visited);
                break;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                foreach (var left in Partial(binary.Left, visited))
                {
                    foreach (var right in Partial(binary.Right, visited))
                    {
                        values.Add(left + right);
                    }
                }

                break;
            case InterpolatedStringExpressionSyntax interpolated:
                values.Add(string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax text ? text.TextToken.ValueText : Hole.ToString())));
                break;
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf:
                values.Add(nameOf.ArgumentList.Arguments[0].Expression.ToString().Split('.')[^1]);
                break;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax, Name.Identifier.Text: "Create" } } create:
                Evaluate(create.ArgumentList.Arguments[^1].Expression, values, visited);
                break;
            case MemberAccessExpressionSyntax member when Constant(member) is { } constant:
                Evaluate(constant, values, visited);
                break;
            case MemberAccessExpressionSyntax member when RecordArguments(member) is { } arguments:
                foreach (var argument in arguments)
                {
                    Evaluate(argument, values, visited);
                }

                break;
            case AwaitExpressionSyntax awaited:
                Evaluate(awaited.Expression, values, visited);
                break;
            case InvocationExpressionSyntax invocation when Returns(invocation) is { } returned:
                foreach (var value in returned)
                {
                    Evaluate(value, values, visited);
                }

                break;
            case IdentifierNameSyntax identifier:
                Resolve(identifier, values, visited);
                break;
            default:
                values.Unknown(expression);
                break;
        }
    }

    /// <summary>The values of an operand of a concatenation; an operand only known at run time is a hole.</summary>
    private SortedSet<string> Partial(ExpressionSyntax expression, HashSet<SyntaxNode> visited)
    {
        var part = new Values();
        Evaluate(expression, part, visited);
        return part.Unresolved.Count > 0 || part.Known.Count == 0 ? [Hole.ToString()] : part.Known;
    }

    /// <summary>The initializer of the constant <c>Type.Name</c> declared in the domain, or null.</summary>
    private ExpressionSyntax? Constant(MemberAccessExpressionSyntax member)
    {
        var typeName = member.Expression.ToString().Split('.')[^1];
        return Nodes.OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword) && (f.Parent as TypeDeclarationSyntax)?.Identifier.Text == typeName)
            .SelectMany(f => f.Declaration.Variables)
            .FirstOrDefault(v => v.Identifier.Text == member.Name.Identifier.Text)?.Initializer?.Value;
    }

    /// <summary>Follows a name to its values: a local (its initializer and assignments), a foreach variable over a literal list, a parameter (every call's argument), a constant.</summary>
    private void Resolve(IdentifierNameSyntax identifier, Values values, HashSet<SyntaxNode> visited)
    {
        var name = identifier.Identifier.Text;
        foreach (var scope in identifier.Ancestors())
        {
            if (scope is ForEachStatementSyntax loop && loop.Identifier.Text == name)
            {
                if (Elements(loop.Expression) is { } elements)
                {
                    foreach (var element in elements)
                    {
                        Evaluate(element, values, visited);
                    }
                }
                else
                {
                    values.Unknown(identifier);
                }

                return;
            }

            if (scope is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                var locals = scope.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Identifier.Text == name).ToList();
                if (locals.Count > 0)
                {
                    foreach (var local in locals)
                    {
                        if (local.Initializer is { } initializer)
                        {
                            Evaluate(initializer.Value, values, visited);
                        }
                    }

                    foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Where(a => a.Left is IdentifierNameSyntax left && left.Identifier.Text == name))
                    {
                        Evaluate(assignment.Right, values, visited);
                    }

                    return;
                }

                if (PatternVariable(scope, name, values, visited))
                {
                    return;
                }

                var parameters = scope is BaseMethodDeclarationSyntax method ? method.ParameterList.Parameters : ((LocalFunctionStatementSyntax)scope).ParameterList.Parameters;
                var index = parameters.IndexOf(p => p.Identifier.Text == name);
                if (index >= 0)
                {
                    Arguments(scope, parameters, index, values, visited);
                    return;
                }
            }

            if (scope is AnonymousFunctionExpressionSyntax)
            {
                var lambdaParameters = scope switch
                {
                    SimpleLambdaExpressionSyntax simple => [simple.Parameter],
                    ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters,
                    _ => (IEnumerable<ParameterSyntax>)[],
                };
                if (lambdaParameters.Any(p => p.Identifier.Text == name))
                {
                    values.Unknown(identifier);
                    return;
                }
            }

            if (scope is TypeDeclarationSyntax type)
            {
                var constant = type.Members.OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
                    .SelectMany(f => f.Declaration.Variables).FirstOrDefault(v => v.Identifier.Text == name);
                if (constant?.Initializer is { } initializer)
                {
                    Evaluate(initializer.Value, values, visited);
                    return;
                }
            }
        }

        values.Unknown(identifier);
    }

    /// <summary>The values every call of a method passes for its parameter <paramref name="index"/> (a private method's calls are in its own type).</summary>
    private void Arguments(SyntaxNode method, SeparatedSyntaxList<ParameterSyntax> parameters, int index, Values values, HashSet<SyntaxNode> visited)
    {
        var parameter = parameters[index];
        var (name, isPrivate) = method switch
        {
            MethodDeclarationSyntax m => (m.Identifier.Text, !m.Modifiers.Any(SyntaxKind.PublicKeyword) && !m.Modifiers.Any(SyntaxKind.InternalKeyword)),
            LocalFunctionStatementSyntax l => (l.Identifier.Text, true),
            _ => (null, true),
        };
        if (name is null)
        {
            values.Unknown(parameter);
            return;
        }

        IEnumerable<SyntaxNode> scope = isPrivate ? method.Ancestors().OfType<TypeDeclarationSyntax>().Take(1) : _roots;
        var parameterNames = parameters.Select(p => p.Identifier.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var call in scope.SelectMany(s => s.DescendantNodes()).OfType<InvocationExpressionSyntax>().Where(i => NameOf(i) == name))
        {
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Any(a => a.NameColon is { } named && !parameterNames.Contains(named.Name.Identifier.Text)) || arguments.Count > parameters.Count)
            {
                continue; // another method of the same name
            }

            var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == parameter.Identifier.Text)
                ?? (index < arguments.Count && arguments[index].NameColon is null ? arguments[index] : null);
            if (argument is not null)
            {
                Evaluate(argument.Expression, values, visited);
            }
            else if (parameter.Default is { } fallback)
            {
                Evaluate(fallback.Value, values, visited);
            }
        }
    }

    /// <summary>The property names of a section's data: an anonymous object's members, or the public properties of a domain type.</summary>
    private static void AddDataFields(ExpressionSyntax data, SortedSet<string> fields)
    {
        switch (data)
        {
            case InvocationExpressionSyntax invocation when NameOf(invocation) == "SerializeToElement":
                AddDataFields(invocation.ArgumentList.Arguments[0].Expression, fields);
                break;
            case AnonymousObjectCreationExpressionSyntax anonymous:
                foreach (var member in anonymous.Initializers)
                {
                    if (MemberName(member) is { } memberName)
                    {
                        fields.Add(memberName);
                    }
                }

                break;
            case IdentifierNameSyntax identifier when TypeOf(identifier) is { } type:
                AddProperties(type, fields, depth: 0);
                break;
        }
    }

    /// <summary>The camelCase name of an anonymous object's member (<c>x = ...</c>, <c>input.ChildRef</c>, <c>outcome</c>), or null.</summary>
    private static string? MemberName(AnonymousObjectMemberDeclaratorSyntax member)
    {
        var name = member.NameEquals?.Name.Identifier.Text ?? member.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.Text,
            IdentifierNameSyntax id => id.Identifier.Text,
            _ => null,
        };
        return name is null ? null : Camel(name);
    }

    /// <summary>The domain type of a parameter or typed local, by its declared type name.</summary>
    private static Type? TypeOf(IdentifierNameSyntax identifier)
    {
        var declared = identifier.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault()?.ParameterList.Parameters
            .FirstOrDefault(p => p.Identifier.Text == identifier.Identifier.Text)?.Type?.ToString().TrimEnd('?');
        return declared is null ? null : typeof(Workflows.Cases.CaseRecord).Assembly.GetTypes().FirstOrDefault(t => t.Name == declared);
    }

    private static void AddProperties(Type type, SortedSet<string> fields, int depth)
    {
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            fields.Add(Camel(property.Name));
            var element = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[^1] : property.PropertyType;
            if (depth < 3 && element.Assembly == type.Assembly && element.IsClass)
            {
                AddProperties(element, fields, depth + 1);
            }
        }
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>What an expression can be: known strings (with <see cref="Hole"/> for parts known only at run time) and the places that could not be followed.</summary>
    public sealed class Values
    {
        public SortedSet<string> Known { get; } = new(StringComparer.Ordinal);

        public List<string> Unresolved { get; } = [];

        public void Add(string value) => Known.Add(value);

        public void Unknown(SyntaxNode node)
        {
            ArgumentNullException.ThrowIfNull(node);
            var line = node.GetLocation().GetLineSpan();
            Unresolved.Add($"{Path.GetRelativePath(Paths.Root, line.Path)}:{line.StartLinePosition.Line + 1}: {node}");
        }
    }
}
