{{/* Labels on every object of the release. */}}
{{- define "swiftlet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{ include "swiftlet.selectorLabels" . }}
{{- end }}

{{/* The controller pods' labels, which its Deployment and metrics Service select on. */}}
{{- define "swiftlet.selectorLabels" -}}
app.kubernetes.io/name: swiftlet
app.kubernetes.io/component: controller
{{- end }}

{{/* The controller's ServiceAccount (the RBAC bindings' subject). */}}
{{- define "swiftlet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default "swiftlet-controller" .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "swiftlet.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end }}
