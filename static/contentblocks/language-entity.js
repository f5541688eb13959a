/* Draftail: mark the selected text as another language (WCAG 3.1.2). Stored as <span lang="…">.
   The editor picks a language from the site's list (contentblocks/language.py) in a native dialog. */
(function () {
    "use strict";
    var React = window.React;
    var Modifier = window.DraftJS.Modifier;
    var EditorState = window.DraftJS.EditorState;

    function languages(entityType) {
        return entityType.languages || [];
    }

    function nameOf(entityType, code) {
        var found = languages(entityType).filter(function (l) { return l.code === code; })[0];
        return found ? found.name : code;
    }

    function LanguageSource(props) {
        React.useEffect(function () {
            var editorState = props.editorState;
            var entityType = props.entityType;
            var list = languages(entityType).map(function (l) { return l.code + " = " + l.name; }).join("\n");
            var answer = window.prompt("In welke taal is deze tekst? Typ de code:\n" + list, "en");
            var code = (answer || "").trim().toLowerCase();
            var known = languages(entityType).some(function (l) { return l.code === code; });
            if (answer !== null && !known) {
                window.alert("Onbekende taalcode ‘" + code + "’. Kies een code uit de lijst.");
            }
            if (!known) {
                props.onClose();
                return;
            }
            var content = editorState.getCurrentContent();
            content = content.createEntity(entityType.type, "MUTABLE", { lang: code });
            var key = content.getLastCreatedEntityKey();
            var withEntity = Modifier.applyEntity(content, editorState.getSelection(), key);
            props.onComplete(EditorState.push(editorState, withEntity, "apply-entity"));
        }, []);
        return null;
    }

    function LanguageDecorator(props) {
        var data = props.contentState.getEntity(props.entityKey).getData();
        var label = "Taal: " + (data.lang || "?");
        return React.createElement(
            "span",
            { lang: data.lang, className: "contentblocks-lang", title: label, "data-lang": data.lang },
            props.children
        );
    }

    window.draftail.registerPlugin(
        { type: "LANGUAGE", source: LanguageSource, decorator: LanguageDecorator },
        "entityTypes"
    );
})();
