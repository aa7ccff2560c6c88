/// Field numbers, names and types of the Kubernetes protobuf messages kubectl's typed clients send (core/v1, apps/v1,
/// autoscaling/v1 and v2, policy/v1, coordination/v1, discovery/v1, events/v1, meta/v1, intstr, resource, runtime),
/// taken from the `generated.proto` files of k8s.io/api and k8s.io/apimachinery. One message per line:
/// `<full name> <number>=<json name>=<type>[*]...`; `*` marks a repeated field, `map:<value type>` a map with
/// string keys.
enum ProtobufSchemaText {
    static let text = #"""
k8s.io.api.core.v1.AWSElasticBlockStoreVolumeSource 1=volumeID=string 2=fsType=string 3=partition=int32 4=readOnly=bool
k8s.io.api.core.v1.Affinity 1=nodeAffinity=k8s.io.api.core.v1.NodeAffinity 2=podAffinity=k8s.io.api.core.v1.PodAffinity 3=podAntiAffinity=k8s.io.api.core.v1.PodAntiAffinity
k8s.io.api.core.v1.AppArmorProfile 1=type=string 2=localhostProfile=string
k8s.io.api.core.v1.AttachedVolume 1=name=string 2=devicePath=string
k8s.io.api.core.v1.AvoidPods 1=preferAvoidPods=k8s.io.api.core.v1.PreferAvoidPodsEntry*
k8s.io.api.core.v1.AzureDiskVolumeSource 1=diskName=string 2=diskURI=string 3=cachingMode=string 4=fsType=string 5=readOnly=bool 6=kind=string
k8s.io.api.core.v1.AzureFilePersistentVolumeSource 1=secretName=string 2=shareName=string 3=readOnly=bool 4=secretNamespace=string
k8s.io.api.core.v1.AzureFileVolumeSource 1=secretName=string 2=shareName=string 3=readOnly=bool
k8s.io.api.core.v1.Binding 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=target=k8s.io.api.core.v1.ObjectReference
k8s.io.api.core.v1.CSIPersistentVolumeSource 1=driver=string 2=volumeHandle=string 3=readOnly=bool 4=fsType=string 5=volumeAttributes=map:string 6=controllerPublishSecretRef=k8s.io.api.core.v1.SecretReference 7=nodeStageSecretRef=k8s.io.api.core.v1.SecretReference 8=nodePublishSecretRef=k8s.io.api.core.v1.SecretReference 9=controllerExpandSecretRef=k8s.io.api.core.v1.SecretReference 10=nodeExpandSecretRef=k8s.io.api.core.v1.SecretReference
k8s.io.api.core.v1.CSIVolumeSource 1=driver=string 2=readOnly=bool 3=fsType=string 4=volumeAttributes=map:string 5=nodePublishSecretRef=k8s.io.api.core.v1.LocalObjectReference
k8s.io.api.core.v1.Capabilities 1=add=string* 2=drop=string*
k8s.io.api.core.v1.CephFSPersistentVolumeSource 1=monitors=string* 2=path=string 3=user=string 4=secretFile=string 5=secretRef=k8s.io.api.core.v1.SecretReference 6=readOnly=bool
k8s.io.api.core.v1.CephFSVolumeSource 1=monitors=string* 2=path=string 3=user=string 4=secretFile=string 5=secretRef=k8s.io.api.core.v1.LocalObjectReference 6=readOnly=bool
k8s.io.api.core.v1.CinderPersistentVolumeSource 1=volumeID=string 2=fsType=string 3=readOnly=bool 4=secretRef=k8s.io.api.core.v1.SecretReference
k8s.io.api.core.v1.CinderVolumeSource 1=volumeID=string 2=fsType=string 3=readOnly=bool 4=secretRef=k8s.io.api.core.v1.LocalObjectReference
k8s.io.api.core.v1.ClientIPConfig 1=timeoutSeconds=int32
k8s.io.api.core.v1.ClusterTrustBundleProjection 1=name=string 2=signerName=string 3=labelSelector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 5=optional=bool 4=path=string 6=user=int64
k8s.io.api.core.v1.ComponentCondition 1=type=string 2=status=string 3=message=string 4=error=string
k8s.io.api.core.v1.ComponentStatus 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=conditions=k8s.io.api.core.v1.ComponentCondition*
k8s.io.api.core.v1.ComponentStatusList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.ComponentStatus*
k8s.io.api.core.v1.ConfigMap 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 4=immutable=bool 2=data=map:string 3=binaryData=map:bytes
k8s.io.api.core.v1.ConfigMapEnvSource 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=optional=bool
k8s.io.api.core.v1.ConfigMapKeySelector 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=key=string 3=optional=bool
k8s.io.api.core.v1.ConfigMapList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.ConfigMap*
k8s.io.api.core.v1.ConfigMapNodeConfigSource 1=namespace=string 2=name=string 3=uid=string 4=resourceVersion=string 5=kubeletConfigKey=string
k8s.io.api.core.v1.ConfigMapProjection 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=items=k8s.io.api.core.v1.KeyToPath* 4=optional=bool
k8s.io.api.core.v1.ConfigMapVolumeSource 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=items=k8s.io.api.core.v1.KeyToPath* 3=defaultMode=int32 4=optional=bool 5=defaultUser=int64
k8s.io.api.core.v1.Container 1=name=string 2=image=string 3=command=string* 4=args=string* 5=workingDir=string 6=ports=k8s.io.api.core.v1.ContainerPort* 19=envFrom=k8s.io.api.core.v1.EnvFromSource* 7=env=k8s.io.api.core.v1.EnvVar* 8=resources=k8s.io.api.core.v1.ResourceRequirements 23=resizePolicy=k8s.io.api.core.v1.ContainerResizePolicy* 24=restartPolicy=string 25=restartPolicyRules=k8s.io.api.core.v1.ContainerRestartRule* 9=volumeMounts=k8s.io.api.core.v1.VolumeMount* 21=volumeDevices=k8s.io.api.core.v1.VolumeDevice* 10=livenessProbe=k8s.io.api.core.v1.Probe 11=readinessProbe=k8s.io.api.core.v1.Probe 22=startupProbe=k8s.io.api.core.v1.Probe 12=lifecycle=k8s.io.api.core.v1.Lifecycle 13=terminationMessagePath=string 20=terminationMessagePolicy=string 14=imagePullPolicy=string 15=securityContext=k8s.io.api.core.v1.SecurityContext 16=stdin=bool 17=stdinOnce=bool 18=tty=bool
k8s.io.api.core.v1.ContainerExtendedResourceRequest 1=containerName=string 2=resourceName=string 3=requestName=string
k8s.io.api.core.v1.ContainerImage 1=names=string* 2=sizeBytes=int64
k8s.io.api.core.v1.ContainerPort 1=name=string 2=hostPort=int32 3=containerPort=int32 4=protocol=string 5=hostIP=string
k8s.io.api.core.v1.ContainerResizePolicy 1=resourceName=string 2=restartPolicy=string
k8s.io.api.core.v1.ContainerRestartRule 1=action=string 2=exitCodes=k8s.io.api.core.v1.ContainerRestartRuleOnExitCodes
k8s.io.api.core.v1.ContainerRestartRuleOnExitCodes 1=operator=string 2=values=int32*
k8s.io.api.core.v1.ContainerState 1=waiting=k8s.io.api.core.v1.ContainerStateWaiting 2=running=k8s.io.api.core.v1.ContainerStateRunning 3=terminated=k8s.io.api.core.v1.ContainerStateTerminated
k8s.io.api.core.v1.ContainerStateRunning 1=startedAt=k8s.io.apimachinery.pkg.apis.meta.v1.Time
k8s.io.api.core.v1.ContainerStateTerminated 1=exitCode=int32 2=signal=int32 3=reason=string 4=message=string 5=startedAt=k8s.io.apimachinery.pkg.apis.meta.v1.Time 6=finishedAt=k8s.io.apimachinery.pkg.apis.meta.v1.Time 7=containerID=string
k8s.io.api.core.v1.ContainerStateWaiting 1=reason=string 2=message=string
k8s.io.api.core.v1.ContainerStatus 1=name=string 2=state=k8s.io.api.core.v1.ContainerState 3=lastState=k8s.io.api.core.v1.ContainerState 4=ready=bool 5=restartCount=int32 6=image=string 7=imageID=string 8=containerID=string 9=started=bool 10=allocatedResources=map:k8s.io.apimachinery.pkg.api.resource.Quantity 11=resources=k8s.io.api.core.v1.ResourceRequirements 12=volumeMounts=k8s.io.api.core.v1.VolumeMountStatus* 13=user=k8s.io.api.core.v1.ContainerUser 14=allocatedResourcesStatus=k8s.io.api.core.v1.ResourceStatus* 15=stopSignal=string
k8s.io.api.core.v1.ContainerUser 1=linux=k8s.io.api.core.v1.LinuxContainerUser
k8s.io.api.core.v1.DaemonEndpoint 1=Port=int32
k8s.io.api.core.v1.DownwardAPIProjection 1=items=k8s.io.api.core.v1.DownwardAPIVolumeFile*
k8s.io.api.core.v1.DownwardAPIVolumeFile 1=path=string 2=fieldRef=k8s.io.api.core.v1.ObjectFieldSelector 3=resourceFieldRef=k8s.io.api.core.v1.ResourceFieldSelector 4=mode=int32 5=user=int64
k8s.io.api.core.v1.DownwardAPIVolumeSource 1=items=k8s.io.api.core.v1.DownwardAPIVolumeFile* 2=defaultMode=int32 3=defaultUser=int64
k8s.io.api.core.v1.EmptyDirVolumeSource 1=medium=string 2=sizeLimit=k8s.io.apimachinery.pkg.api.resource.Quantity 3=mode=int32
k8s.io.api.core.v1.EndpointAddress 1=ip=string 3=hostname=string 4=nodeName=string 2=targetRef=k8s.io.api.core.v1.ObjectReference
k8s.io.api.core.v1.EndpointPort 1=name=string 2=port=int32 3=protocol=string 4=appProtocol=string
k8s.io.api.core.v1.EndpointSubset 1=addresses=k8s.io.api.core.v1.EndpointAddress* 2=notReadyAddresses=k8s.io.api.core.v1.EndpointAddress* 3=ports=k8s.io.api.core.v1.EndpointPort*
k8s.io.api.core.v1.Endpoints 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=subsets=k8s.io.api.core.v1.EndpointSubset*
k8s.io.api.core.v1.EndpointsList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Endpoints*
k8s.io.api.core.v1.EnvFromSource 1=prefix=string 2=configMapRef=k8s.io.api.core.v1.ConfigMapEnvSource 3=secretRef=k8s.io.api.core.v1.SecretEnvSource
k8s.io.api.core.v1.EnvVar 1=name=string 2=value=string 3=valueFrom=k8s.io.api.core.v1.EnvVarSource
k8s.io.api.core.v1.EnvVarSource 1=fieldRef=k8s.io.api.core.v1.ObjectFieldSelector 2=resourceFieldRef=k8s.io.api.core.v1.ResourceFieldSelector 3=configMapKeyRef=k8s.io.api.core.v1.ConfigMapKeySelector 4=secretKeyRef=k8s.io.api.core.v1.SecretKeySelector 5=fileKeyRef=k8s.io.api.core.v1.FileKeySelector
k8s.io.api.core.v1.EphemeralContainer 1=ephemeralContainerCommon=k8s.io.api.core.v1.EphemeralContainerCommon 2=targetContainerName=string
k8s.io.api.core.v1.EphemeralContainerCommon 1=name=string 2=image=string 3=command=string* 4=args=string* 5=workingDir=string 6=ports=k8s.io.api.core.v1.ContainerPort* 19=envFrom=k8s.io.api.core.v1.EnvFromSource* 7=env=k8s.io.api.core.v1.EnvVar* 8=resources=k8s.io.api.core.v1.ResourceRequirements 23=resizePolicy=k8s.io.api.core.v1.ContainerResizePolicy* 24=restartPolicy=string 25=restartPolicyRules=k8s.io.api.core.v1.ContainerRestartRule* 9=volumeMounts=k8s.io.api.core.v1.VolumeMount* 21=volumeDevices=k8s.io.api.core.v1.VolumeDevice* 10=livenessProbe=k8s.io.api.core.v1.Probe 11=readinessProbe=k8s.io.api.core.v1.Probe 22=startupProbe=k8s.io.api.core.v1.Probe 12=lifecycle=k8s.io.api.core.v1.Lifecycle 13=terminationMessagePath=string 20=terminationMessagePolicy=string 14=imagePullPolicy=string 15=securityContext=k8s.io.api.core.v1.SecurityContext 16=stdin=bool 17=stdinOnce=bool 18=tty=bool
k8s.io.api.core.v1.EphemeralVolumeSource 1=volumeClaimTemplate=k8s.io.api.core.v1.PersistentVolumeClaimTemplate
k8s.io.api.core.v1.Event 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=involvedObject=k8s.io.api.core.v1.ObjectReference 3=reason=string 4=message=string 5=source=k8s.io.api.core.v1.EventSource 6=firstTimestamp=k8s.io.apimachinery.pkg.apis.meta.v1.Time 7=lastTimestamp=k8s.io.apimachinery.pkg.apis.meta.v1.Time 8=count=int32 9=type=string 10=eventTime=k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime 11=series=k8s.io.api.core.v1.EventSeries 12=action=string 13=related=k8s.io.api.core.v1.ObjectReference 14=reportingComponent=string 15=reportingInstance=string
k8s.io.api.core.v1.EventList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Event*
k8s.io.api.core.v1.EventSeries 1=count=int32 2=lastObservedTime=k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime
k8s.io.api.core.v1.EventSource 1=component=string 2=host=string
k8s.io.api.core.v1.EvictionResponder 1=name=string 2=priority=int32
k8s.io.api.core.v1.ExecAction 1=command=string*
k8s.io.api.core.v1.FCVolumeSource 1=targetWWNs=string* 2=lun=int32 3=fsType=string 4=readOnly=bool 5=wwids=string*
k8s.io.api.core.v1.FileKeySelector 1=volumeName=string 2=path=string 3=key=string 4=optional=bool
k8s.io.api.core.v1.FlexPersistentVolumeSource 1=driver=string 2=fsType=string 3=secretRef=k8s.io.api.core.v1.SecretReference 4=readOnly=bool 5=options=map:string
k8s.io.api.core.v1.FlexVolumeSource 1=driver=string 2=fsType=string 3=secretRef=k8s.io.api.core.v1.LocalObjectReference 4=readOnly=bool 5=options=map:string
k8s.io.api.core.v1.FlockerVolumeSource 1=datasetName=string 2=datasetUUID=string
k8s.io.api.core.v1.GCEPersistentDiskVolumeSource 1=pdName=string 2=fsType=string 3=partition=int32 4=readOnly=bool
k8s.io.api.core.v1.GRPCAction 1=port=int32 2=service=string 3=mode=string
k8s.io.api.core.v1.GitRepoVolumeSource 1=repository=string 2=revision=string 3=directory=string
k8s.io.api.core.v1.GlusterfsPersistentVolumeSource 1=endpoints=string 2=path=string 3=readOnly=bool 4=endpointsNamespace=string
k8s.io.api.core.v1.GlusterfsVolumeSource 1=endpoints=string 2=path=string 3=readOnly=bool
k8s.io.api.core.v1.HTTPGetAction 1=path=string 2=port=k8s.io.apimachinery.pkg.util.intstr.IntOrString 3=host=string 4=scheme=string 5=httpHeaders=k8s.io.api.core.v1.HTTPHeader* 6=protocol=string
k8s.io.api.core.v1.HTTPHeader 1=name=string 2=value=string
k8s.io.api.core.v1.HostAlias 1=ip=string 2=hostnames=string*
k8s.io.api.core.v1.HostIP 1=ip=string
k8s.io.api.core.v1.HostPathVolumeSource 1=path=string 2=type=string
k8s.io.api.core.v1.ISCSIPersistentVolumeSource 1=targetPortal=string 2=iqn=string 3=lun=int32 4=iscsiInterface=string 5=fsType=string 6=readOnly=bool 7=portals=string* 8=chapAuthDiscovery=bool 11=chapAuthSession=bool 10=secretRef=k8s.io.api.core.v1.SecretReference 12=initiatorName=string
k8s.io.api.core.v1.ISCSIVolumeSource 1=targetPortal=string 2=iqn=string 3=lun=int32 4=iscsiInterface=string 5=fsType=string 6=readOnly=bool 7=portals=string* 8=chapAuthDiscovery=bool 11=chapAuthSession=bool 10=secretRef=k8s.io.api.core.v1.LocalObjectReference 12=initiatorName=string
k8s.io.api.core.v1.ImageVolumeSource 1=reference=string 2=pullPolicy=string
k8s.io.api.core.v1.ImageVolumeStatus 1=imageRef=string
k8s.io.api.core.v1.KeyToPath 1=key=string 2=path=string 3=mode=int32 4=user=int64
k8s.io.api.core.v1.Lifecycle 1=postStart=k8s.io.api.core.v1.LifecycleHandler 2=preStop=k8s.io.api.core.v1.LifecycleHandler 3=stopSignal=string
k8s.io.api.core.v1.LifecycleHandler 1=exec=k8s.io.api.core.v1.ExecAction 2=httpGet=k8s.io.api.core.v1.HTTPGetAction 3=tcpSocket=k8s.io.api.core.v1.TCPSocketAction 4=sleep=k8s.io.api.core.v1.SleepAction
k8s.io.api.core.v1.LimitRange 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.LimitRangeSpec
k8s.io.api.core.v1.LimitRangeItem 1=type=string 2=max=map:k8s.io.apimachinery.pkg.api.resource.Quantity 3=min=map:k8s.io.apimachinery.pkg.api.resource.Quantity 4=default=map:k8s.io.apimachinery.pkg.api.resource.Quantity 5=defaultRequest=map:k8s.io.apimachinery.pkg.api.resource.Quantity 6=maxLimitRequestRatio=map:k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.core.v1.LimitRangeList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.LimitRange*
k8s.io.api.core.v1.LimitRangeSpec 1=limits=k8s.io.api.core.v1.LimitRangeItem*
k8s.io.api.core.v1.LinuxContainerUser 1=uid=int64 2=gid=int64 3=supplementalGroups=int64*
k8s.io.api.core.v1.List 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.apimachinery.pkg.runtime.RawExtension*
k8s.io.api.core.v1.LoadBalancerIngress 1=ip=string 2=hostname=string 3=ipMode=string 4=ports=k8s.io.api.core.v1.PortStatus*
k8s.io.api.core.v1.LoadBalancerStatus 1=ingress=k8s.io.api.core.v1.LoadBalancerIngress*
k8s.io.api.core.v1.LocalObjectReference 1=name=string
k8s.io.api.core.v1.LocalVolumeSource 1=path=string 2=fsType=string
k8s.io.api.core.v1.ModifyVolumeStatus 1=targetVolumeAttributesClassName=string 2=status=string
k8s.io.api.core.v1.NFSVolumeSource 1=server=string 2=path=string 3=readOnly=bool
k8s.io.api.core.v1.Namespace 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.NamespaceSpec 3=status=k8s.io.api.core.v1.NamespaceStatus
k8s.io.api.core.v1.NamespaceCondition 1=type=string 2=status=string 4=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 5=reason=string 6=message=string
k8s.io.api.core.v1.NamespaceList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Namespace*
k8s.io.api.core.v1.NamespaceSpec 1=finalizers=string*
k8s.io.api.core.v1.NamespaceStatus 1=phase=string 2=conditions=k8s.io.api.core.v1.NamespaceCondition*
k8s.io.api.core.v1.Node 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.NodeSpec 3=status=k8s.io.api.core.v1.NodeStatus
k8s.io.api.core.v1.NodeAddress 1=type=string 2=address=string
k8s.io.api.core.v1.NodeAffinity 1=requiredDuringSchedulingIgnoredDuringExecution=k8s.io.api.core.v1.NodeSelector 2=preferredDuringSchedulingIgnoredDuringExecution=k8s.io.api.core.v1.PreferredSchedulingTerm*
k8s.io.api.core.v1.NodeAllocatableMappedResources 1=name=string 2=quantity=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.core.v1.NodeAllocatableOverheadResources 1=name=string 2=perPod=k8s.io.apimachinery.pkg.api.resource.Quantity 3=perContainer=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.core.v1.NodeAllocatableResourceClaimStatus 1=resourceClaimName=string 2=containers=string* 4=mapping=k8s.io.api.core.v1.NodeAllocatableMappedResources* 5=overhead=k8s.io.api.core.v1.NodeAllocatableOverheadResources*
k8s.io.api.core.v1.NodeCondition 1=type=string 2=status=string 3=lastHeartbeatTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 5=reason=string 6=message=string
k8s.io.api.core.v1.NodeConfigSource 2=configMap=k8s.io.api.core.v1.ConfigMapNodeConfigSource
k8s.io.api.core.v1.NodeConfigStatus 1=assigned=k8s.io.api.core.v1.NodeConfigSource 2=active=k8s.io.api.core.v1.NodeConfigSource 3=lastKnownGood=k8s.io.api.core.v1.NodeConfigSource 4=error=string
k8s.io.api.core.v1.NodeDaemonEndpoints 1=kubeletEndpoint=k8s.io.api.core.v1.DaemonEndpoint
k8s.io.api.core.v1.NodeFeatures 1=supplementalGroupsPolicy=bool
k8s.io.api.core.v1.NodeList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Node*
k8s.io.api.core.v1.NodePodPreemptionPolicy 1=disableResizePreemption=string*
k8s.io.api.core.v1.NodeProxyOptions 1=path=string
k8s.io.api.core.v1.NodeRuntimeHandler 1=name=string 2=features=k8s.io.api.core.v1.NodeRuntimeHandlerFeatures
k8s.io.api.core.v1.NodeRuntimeHandlerFeatures 1=recursiveReadOnlyMounts=bool 2=userNamespaces=bool
k8s.io.api.core.v1.NodeSelector 1=nodeSelectorTerms=k8s.io.api.core.v1.NodeSelectorTerm*
k8s.io.api.core.v1.NodeSelectorRequirement 1=key=string 2=operator=string 3=values=string*
k8s.io.api.core.v1.NodeSelectorTerm 1=matchExpressions=k8s.io.api.core.v1.NodeSelectorRequirement* 2=matchFields=k8s.io.api.core.v1.NodeSelectorRequirement*
k8s.io.api.core.v1.NodeSpec 1=podCIDR=string 7=podCIDRs=string* 3=providerID=string 4=unschedulable=bool 5=taints=k8s.io.api.core.v1.Taint* 6=configSource=k8s.io.api.core.v1.NodeConfigSource 2=externalID=string 8=podPreemptionPolicy=k8s.io.api.core.v1.NodePodPreemptionPolicy
k8s.io.api.core.v1.NodeStatus 1=capacity=map:k8s.io.apimachinery.pkg.api.resource.Quantity 2=allocatable=map:k8s.io.apimachinery.pkg.api.resource.Quantity 3=phase=string 4=conditions=k8s.io.api.core.v1.NodeCondition* 5=addresses=k8s.io.api.core.v1.NodeAddress* 6=daemonEndpoints=k8s.io.api.core.v1.NodeDaemonEndpoints 7=nodeInfo=k8s.io.api.core.v1.NodeSystemInfo 8=images=k8s.io.api.core.v1.ContainerImage* 9=volumesInUse=string* 10=volumesAttached=k8s.io.api.core.v1.AttachedVolume* 11=config=k8s.io.api.core.v1.NodeConfigStatus 12=runtimeHandlers=k8s.io.api.core.v1.NodeRuntimeHandler* 13=features=k8s.io.api.core.v1.NodeFeatures 14=declaredFeatures=string*
k8s.io.api.core.v1.NodeSwapStatus 1=capacity=int64
k8s.io.api.core.v1.NodeSystemInfo 1=machineID=string 2=systemUUID=string 3=bootID=string 4=kernelVersion=string 5=osImage=string 6=containerRuntimeVersion=string 7=kubeletVersion=string 8=kubeProxyVersion=string 9=operatingSystem=string 10=architecture=string 11=swap=k8s.io.api.core.v1.NodeSwapStatus
k8s.io.api.core.v1.ObjectFieldSelector 1=apiVersion=string 2=fieldPath=string
k8s.io.api.core.v1.ObjectReference 1=kind=string 2=namespace=string 3=name=string 4=uid=string 5=apiVersion=string 6=resourceVersion=string 7=fieldPath=string
k8s.io.api.core.v1.PersistentVolume 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.PersistentVolumeSpec 3=status=k8s.io.api.core.v1.PersistentVolumeStatus
k8s.io.api.core.v1.PersistentVolumeClaim 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.PersistentVolumeClaimSpec 3=status=k8s.io.api.core.v1.PersistentVolumeClaimStatus
k8s.io.api.core.v1.PersistentVolumeClaimCondition 1=type=string 2=status=string 3=lastProbeTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 5=reason=string 6=message=string
k8s.io.api.core.v1.PersistentVolumeClaimList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.PersistentVolumeClaim*
k8s.io.api.core.v1.PersistentVolumeClaimSpec 1=accessModes=string* 4=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 2=resources=k8s.io.api.core.v1.VolumeResourceRequirements 3=volumeName=string 5=storageClassName=string 6=volumeMode=string 7=dataSource=k8s.io.api.core.v1.TypedLocalObjectReference 8=dataSourceRef=k8s.io.api.core.v1.TypedObjectReference 9=volumeAttributesClassName=string
k8s.io.api.core.v1.PersistentVolumeClaimStatus 1=phase=string 2=accessModes=string* 3=capacity=map:k8s.io.apimachinery.pkg.api.resource.Quantity 4=conditions=k8s.io.api.core.v1.PersistentVolumeClaimCondition* 5=allocatedResources=map:k8s.io.apimachinery.pkg.api.resource.Quantity 7=allocatedResourceStatuses=map:string 8=currentVolumeAttributesClassName=string 9=modifyVolumeStatus=k8s.io.api.core.v1.ModifyVolumeStatus 10=healthStatus=k8s.io.api.core.v1.VolumeHealthStatus
k8s.io.api.core.v1.PersistentVolumeClaimTemplate 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.PersistentVolumeClaimSpec
k8s.io.api.core.v1.PersistentVolumeClaimVolumeSource 1=claimName=string 2=readOnly=bool
k8s.io.api.core.v1.PersistentVolumeList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.PersistentVolume*
k8s.io.api.core.v1.PersistentVolumeSource 1=gcePersistentDisk=k8s.io.api.core.v1.GCEPersistentDiskVolumeSource 2=awsElasticBlockStore=k8s.io.api.core.v1.AWSElasticBlockStoreVolumeSource 3=hostPath=k8s.io.api.core.v1.HostPathVolumeSource 4=glusterfs=k8s.io.api.core.v1.GlusterfsPersistentVolumeSource 5=nfs=k8s.io.api.core.v1.NFSVolumeSource 6=rbd=k8s.io.api.core.v1.RBDPersistentVolumeSource 7=iscsi=k8s.io.api.core.v1.ISCSIPersistentVolumeSource 8=cinder=k8s.io.api.core.v1.CinderPersistentVolumeSource 9=cephfs=k8s.io.api.core.v1.CephFSPersistentVolumeSource 10=fc=k8s.io.api.core.v1.FCVolumeSource 11=flocker=k8s.io.api.core.v1.FlockerVolumeSource 12=flexVolume=k8s.io.api.core.v1.FlexPersistentVolumeSource 13=azureFile=k8s.io.api.core.v1.AzureFilePersistentVolumeSource 14=vsphereVolume=k8s.io.api.core.v1.VsphereVirtualDiskVolumeSource 15=quobyte=k8s.io.api.core.v1.QuobyteVolumeSource 16=azureDisk=k8s.io.api.core.v1.AzureDiskVolumeSource 17=photonPersistentDisk=k8s.io.api.core.v1.PhotonPersistentDiskVolumeSource 18=portworxVolume=k8s.io.api.core.v1.PortworxVolumeSource 19=scaleIO=k8s.io.api.core.v1.ScaleIOPersistentVolumeSource 20=local=k8s.io.api.core.v1.LocalVolumeSource 21=storageos=k8s.io.api.core.v1.StorageOSPersistentVolumeSource 22=csi=k8s.io.api.core.v1.CSIPersistentVolumeSource
k8s.io.api.core.v1.PersistentVolumeSpec 1=capacity=map:k8s.io.apimachinery.pkg.api.resource.Quantity 2=persistentVolumeSource=k8s.io.api.core.v1.PersistentVolumeSource 3=accessModes=string* 4=claimRef=k8s.io.api.core.v1.ObjectReference 5=persistentVolumeReclaimPolicy=string 6=storageClassName=string 7=mountOptions=string* 8=volumeMode=string 9=nodeAffinity=k8s.io.api.core.v1.VolumeNodeAffinity 10=volumeAttributesClassName=string
k8s.io.api.core.v1.PersistentVolumeStatus 1=phase=string 2=message=string 3=reason=string 4=lastPhaseTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time
k8s.io.api.core.v1.PhotonPersistentDiskVolumeSource 1=pdID=string 2=fsType=string
k8s.io.api.core.v1.Pod 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.PodSpec 3=status=k8s.io.api.core.v1.PodStatus
k8s.io.api.core.v1.PodAffinity 1=requiredDuringSchedulingIgnoredDuringExecution=k8s.io.api.core.v1.PodAffinityTerm* 2=preferredDuringSchedulingIgnoredDuringExecution=k8s.io.api.core.v1.WeightedPodAffinityTerm*
k8s.io.api.core.v1.PodAffinityTerm 1=labelSelector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 2=namespaces=string* 3=topologyKey=string 4=namespaceSelector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 5=matchLabelKeys=string* 6=mismatchLabelKeys=string*
k8s.io.api.core.v1.PodAntiAffinity 1=requiredDuringSchedulingIgnoredDuringExecution=k8s.io.api.core.v1.PodAffinityTerm* 2=preferredDuringSchedulingIgnoredDuringExecution=k8s.io.api.core.v1.WeightedPodAffinityTerm*
k8s.io.api.core.v1.PodAttachOptions 1=stdin=bool 2=stdout=bool 3=stderr=bool 4=tty=bool 5=container=string
k8s.io.api.core.v1.PodCertificateProjection 1=signerName=string 2=keyType=string 3=maxExpirationSeconds=int32 4=credentialBundlePath=string 5=keyPath=string 6=certificateChainPath=string 7=userAnnotations=map:string 8=user=int64
k8s.io.api.core.v1.PodCondition 1=type=string 7=observedGeneration=int64 2=status=string 3=lastProbeTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 5=reason=string 6=message=string
k8s.io.api.core.v1.PodDNSConfig 1=nameservers=string* 2=searches=string* 3=options=k8s.io.api.core.v1.PodDNSConfigOption*
k8s.io.api.core.v1.PodDNSConfigOption 1=name=string 2=value=string
k8s.io.api.core.v1.PodExecOptions 1=stdin=bool 2=stdout=bool 3=stderr=bool 4=tty=bool 5=container=string 6=command=string*
k8s.io.api.core.v1.PodExtendedResourceClaimStatus 1=requestMappings=k8s.io.api.core.v1.ContainerExtendedResourceRequest* 2=resourceClaimName=string
k8s.io.api.core.v1.PodIP 1=ip=string
k8s.io.api.core.v1.PodList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Pod*
k8s.io.api.core.v1.PodLogOptions 1=container=string 2=follow=bool 3=previous=bool 4=sinceSeconds=int64 5=sinceTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 6=timestamps=bool 7=tailLines=int64 8=limitBytes=int64 9=insecureSkipTLSVerifyBackend=bool 10=stream=string
k8s.io.api.core.v1.PodOS 1=name=string
k8s.io.api.core.v1.PodPortForwardOptions 1=ports=int32*
k8s.io.api.core.v1.PodProxyOptions 1=path=string
k8s.io.api.core.v1.PodReadinessGate 1=conditionType=string
k8s.io.api.core.v1.PodResourceClaim 1=name=string 3=resourceClaimName=string 4=resourceClaimTemplateName=string
k8s.io.api.core.v1.PodResourceClaimStatus 1=name=string 2=resourceClaimName=string
k8s.io.api.core.v1.PodSchedulingGate 1=name=string
k8s.io.api.core.v1.PodSchedulingGroup 1=podGroupName=string
k8s.io.api.core.v1.PodSecurityContext 1=seLinuxOptions=k8s.io.api.core.v1.SELinuxOptions 8=windowsOptions=k8s.io.api.core.v1.WindowsSecurityContextOptions 2=runAsUser=int64 6=runAsGroup=int64 3=runAsNonRoot=bool 4=supplementalGroups=int64* 12=supplementalGroupsPolicy=string 5=fsGroup=int64 7=sysctls=k8s.io.api.core.v1.Sysctl* 9=fsGroupChangePolicy=string 10=seccompProfile=k8s.io.api.core.v1.SeccompProfile 11=appArmorProfile=k8s.io.api.core.v1.AppArmorProfile 13=seLinuxChangePolicy=string
k8s.io.api.core.v1.PodSignature 1=podController=k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference
k8s.io.api.core.v1.PodSpec 1=volumes=k8s.io.api.core.v1.Volume* 20=initContainers=k8s.io.api.core.v1.Container* 2=containers=k8s.io.api.core.v1.Container* 34=ephemeralContainers=k8s.io.api.core.v1.EphemeralContainer* 3=restartPolicy=string 4=terminationGracePeriodSeconds=int64 5=activeDeadlineSeconds=int64 6=dnsPolicy=string 7=nodeSelector=map:string 8=serviceAccountName=string 9=serviceAccount=string 21=automountServiceAccountToken=bool 10=nodeName=string 11=hostNetwork=bool 12=hostPID=bool 13=hostIPC=bool 27=shareProcessNamespace=bool 14=securityContext=k8s.io.api.core.v1.PodSecurityContext 15=imagePullSecrets=k8s.io.api.core.v1.LocalObjectReference* 16=hostname=string 17=subdomain=string 18=affinity=k8s.io.api.core.v1.Affinity 19=schedulerName=string 22=tolerations=k8s.io.api.core.v1.Toleration* 23=hostAliases=k8s.io.api.core.v1.HostAlias* 24=priorityClassName=string 25=priority=int32 26=dnsConfig=k8s.io.api.core.v1.PodDNSConfig 28=readinessGates=k8s.io.api.core.v1.PodReadinessGate* 29=runtimeClassName=string 30=enableServiceLinks=bool 31=preemptionPolicy=string 32=overhead=map:k8s.io.apimachinery.pkg.api.resource.Quantity 33=topologySpreadConstraints=k8s.io.api.core.v1.TopologySpreadConstraint* 35=setHostnameAsFQDN=bool 36=os=k8s.io.api.core.v1.PodOS 37=hostUsers=bool 38=schedulingGates=k8s.io.api.core.v1.PodSchedulingGate* 39=resourceClaims=k8s.io.api.core.v1.PodResourceClaim* 40=resources=k8s.io.api.core.v1.ResourceRequirements 41=hostnameOverride=string 43=schedulingGroup=k8s.io.api.core.v1.PodSchedulingGroup 44=evictionResponders=k8s.io.api.core.v1.EvictionResponder*
k8s.io.api.core.v1.PodStatus 17=observedGeneration=int64 1=phase=string 2=conditions=k8s.io.api.core.v1.PodCondition* 3=message=string 4=reason=string 11=nominatedNodeName=string 5=hostIP=string 16=hostIPs=k8s.io.api.core.v1.HostIP* 6=podIP=string 12=podIPs=k8s.io.api.core.v1.PodIP* 7=startTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 10=initContainerStatuses=k8s.io.api.core.v1.ContainerStatus* 8=containerStatuses=k8s.io.api.core.v1.ContainerStatus* 9=qosClass=string 13=ephemeralContainerStatuses=k8s.io.api.core.v1.ContainerStatus* 14=resize=string 15=resourceClaimStatuses=k8s.io.api.core.v1.PodResourceClaimStatus* 18=extendedResourceClaimStatus=k8s.io.api.core.v1.PodExtendedResourceClaimStatus 19=allocatedResources=map:k8s.io.apimachinery.pkg.api.resource.Quantity 20=resources=k8s.io.api.core.v1.ResourceRequirements 21=nodeAllocatableResourceClaimStatuses=k8s.io.api.core.v1.NodeAllocatableResourceClaimStatus* 22=volumeHealth=k8s.io.api.core.v1.PodVolumeHealth*
k8s.io.api.core.v1.PodTemplate 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=template=k8s.io.api.core.v1.PodTemplateSpec
k8s.io.api.core.v1.PodTemplateList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.PodTemplate*
k8s.io.api.core.v1.PodTemplateSpec 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.PodSpec
k8s.io.api.core.v1.PodVolumeHealth 1=name=string 2=healthConditions=k8s.io.api.core.v1.VolumeHealthCondition* 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time
k8s.io.api.core.v1.PortStatus 1=port=int32 2=protocol=string 3=error=string
k8s.io.api.core.v1.PortworxVolumeSource 1=volumeID=string 2=fsType=string 3=readOnly=bool
k8s.io.api.core.v1.Preconditions 1=uid=string
k8s.io.api.core.v1.PreferAvoidPodsEntry 1=podSignature=k8s.io.api.core.v1.PodSignature 2=evictionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 3=reason=string 4=message=string
k8s.io.api.core.v1.PreferredSchedulingTerm 1=weight=int32 2=preference=k8s.io.api.core.v1.NodeSelectorTerm
k8s.io.api.core.v1.Probe 1=handler=k8s.io.api.core.v1.ProbeHandler 2=initialDelaySeconds=int32 3=timeoutSeconds=int32 4=periodSeconds=int32 5=successThreshold=int32 6=failureThreshold=int32 7=terminationGracePeriodSeconds=int64
k8s.io.api.core.v1.ProbeHandler 1=exec=k8s.io.api.core.v1.ExecAction 2=httpGet=k8s.io.api.core.v1.HTTPGetAction 3=tcpSocket=k8s.io.api.core.v1.TCPSocketAction 4=grpc=k8s.io.api.core.v1.GRPCAction
k8s.io.api.core.v1.ProjectedVolumeSource 1=sources=k8s.io.api.core.v1.VolumeProjection* 2=defaultMode=int32 3=defaultUser=int64
k8s.io.api.core.v1.QuobyteVolumeSource 1=registry=string 2=volume=string 3=readOnly=bool 4=user=string 5=group=string 6=tenant=string
k8s.io.api.core.v1.RBDPersistentVolumeSource 1=monitors=string* 2=image=string 3=fsType=string 4=pool=string 5=user=string 6=keyring=string 7=secretRef=k8s.io.api.core.v1.SecretReference 8=readOnly=bool
k8s.io.api.core.v1.RBDVolumeSource 1=monitors=string* 2=image=string 3=fsType=string 4=pool=string 5=user=string 6=keyring=string 7=secretRef=k8s.io.api.core.v1.LocalObjectReference 8=readOnly=bool
k8s.io.api.core.v1.RangeAllocation 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=range=string 3=data=bytes
k8s.io.api.core.v1.ReplicationController 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.ReplicationControllerSpec 3=status=k8s.io.api.core.v1.ReplicationControllerStatus
k8s.io.api.core.v1.ReplicationControllerCondition 1=type=string 2=status=string 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string
k8s.io.api.core.v1.ReplicationControllerList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.ReplicationController*
k8s.io.api.core.v1.ReplicationControllerSpec 1=replicas=int32 4=minReadySeconds=int32 2=selector=map:string 3=template=k8s.io.api.core.v1.PodTemplateSpec
k8s.io.api.core.v1.ReplicationControllerStatus 1=replicas=int32 2=fullyLabeledReplicas=int32 4=readyReplicas=int32 5=availableReplicas=int32 3=observedGeneration=int64 6=conditions=k8s.io.api.core.v1.ReplicationControllerCondition*
k8s.io.api.core.v1.ResourceClaim 1=name=string 2=request=string
k8s.io.api.core.v1.ResourceFieldSelector 1=containerName=string 2=resource=string 3=divisor=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.core.v1.ResourceHealth 1=resourceID=string 2=health=string 6=message=string
k8s.io.api.core.v1.ResourceQuota 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.ResourceQuotaSpec 3=status=k8s.io.api.core.v1.ResourceQuotaStatus
k8s.io.api.core.v1.ResourceQuotaList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.ResourceQuota*
k8s.io.api.core.v1.ResourceQuotaSpec 1=hard=map:k8s.io.apimachinery.pkg.api.resource.Quantity 2=scopes=string* 3=scopeSelector=k8s.io.api.core.v1.ScopeSelector
k8s.io.api.core.v1.ResourceQuotaStatus 1=hard=map:k8s.io.apimachinery.pkg.api.resource.Quantity 2=used=map:k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.core.v1.ResourceRequirements 1=limits=map:k8s.io.apimachinery.pkg.api.resource.Quantity 2=requests=map:k8s.io.apimachinery.pkg.api.resource.Quantity 3=claims=k8s.io.api.core.v1.ResourceClaim*
k8s.io.api.core.v1.ResourceStatus 1=name=string 2=resources=k8s.io.api.core.v1.ResourceHealth*
k8s.io.api.core.v1.SELinuxOptions 1=user=string 2=role=string 3=type=string 4=level=string
k8s.io.api.core.v1.ScaleIOPersistentVolumeSource 1=gateway=string 2=system=string 3=secretRef=k8s.io.api.core.v1.SecretReference 4=sslEnabled=bool 5=protectionDomain=string 6=storagePool=string 7=storageMode=string 8=volumeName=string 9=fsType=string 10=readOnly=bool
k8s.io.api.core.v1.ScaleIOVolumeSource 1=gateway=string 2=system=string 3=secretRef=k8s.io.api.core.v1.LocalObjectReference 4=sslEnabled=bool 5=protectionDomain=string 6=storagePool=string 7=storageMode=string 8=volumeName=string 9=fsType=string 10=readOnly=bool
k8s.io.api.core.v1.ScopeSelector 1=matchExpressions=k8s.io.api.core.v1.ScopedResourceSelectorRequirement*
k8s.io.api.core.v1.ScopedResourceSelectorRequirement 1=scopeName=string 2=operator=string 3=values=string*
k8s.io.api.core.v1.SeccompProfile 1=type=string 2=localhostProfile=string
k8s.io.api.core.v1.Secret 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 5=immutable=bool 2=data=map:bytes 4=stringData=map:string 3=type=string
k8s.io.api.core.v1.SecretEnvSource 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=optional=bool
k8s.io.api.core.v1.SecretKeySelector 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=key=string 3=optional=bool
k8s.io.api.core.v1.SecretList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Secret*
k8s.io.api.core.v1.SecretProjection 1=localObjectReference=k8s.io.api.core.v1.LocalObjectReference 2=items=k8s.io.api.core.v1.KeyToPath* 4=optional=bool
k8s.io.api.core.v1.SecretReference 1=name=string 2=namespace=string
k8s.io.api.core.v1.SecretVolumeSource 1=secretName=string 2=items=k8s.io.api.core.v1.KeyToPath* 3=defaultMode=int32 4=optional=bool 5=defaultUser=int64
k8s.io.api.core.v1.SecurityContext 1=capabilities=k8s.io.api.core.v1.Capabilities 2=privileged=bool 3=seLinuxOptions=k8s.io.api.core.v1.SELinuxOptions 10=windowsOptions=k8s.io.api.core.v1.WindowsSecurityContextOptions 4=runAsUser=int64 8=runAsGroup=int64 5=runAsNonRoot=bool 6=readOnlyRootFilesystem=bool 7=allowPrivilegeEscalation=bool 9=procMount=string 11=seccompProfile=k8s.io.api.core.v1.SeccompProfile 12=appArmorProfile=k8s.io.api.core.v1.AppArmorProfile
k8s.io.api.core.v1.SerializedReference 1=reference=k8s.io.api.core.v1.ObjectReference
k8s.io.api.core.v1.Service 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.core.v1.ServiceSpec 3=status=k8s.io.api.core.v1.ServiceStatus
k8s.io.api.core.v1.ServiceAccount 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=secrets=k8s.io.api.core.v1.ObjectReference* 3=imagePullSecrets=k8s.io.api.core.v1.LocalObjectReference* 4=automountServiceAccountToken=bool
k8s.io.api.core.v1.ServiceAccountList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.ServiceAccount*
k8s.io.api.core.v1.ServiceAccountTokenProjection 1=audience=string 2=expirationSeconds=int64 3=path=string 4=user=int64
k8s.io.api.core.v1.ServiceList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.core.v1.Service*
k8s.io.api.core.v1.ServicePort 1=name=string 2=protocol=string 6=appProtocol=string 3=port=int32 4=targetPort=k8s.io.apimachinery.pkg.util.intstr.IntOrString 5=nodePort=int32
k8s.io.api.core.v1.ServiceProxyOptions 1=path=string
k8s.io.api.core.v1.ServiceSpec 1=ports=k8s.io.api.core.v1.ServicePort* 2=selector=map:string 3=clusterIP=string 18=clusterIPs=string* 4=type=string 5=externalIPs=string* 7=sessionAffinity=string 8=loadBalancerIP=string 9=loadBalancerSourceRanges=string* 10=externalName=string 11=externalTrafficPolicy=string 12=healthCheckNodePort=int32 13=publishNotReadyAddresses=bool 14=sessionAffinityConfig=k8s.io.api.core.v1.SessionAffinityConfig 19=ipFamilies=string* 17=ipFamilyPolicy=string 20=allocateLoadBalancerNodePorts=bool 21=loadBalancerClass=string 22=internalTrafficPolicy=string 23=trafficDistribution=string
k8s.io.api.core.v1.ServiceStatus 1=loadBalancer=k8s.io.api.core.v1.LoadBalancerStatus 2=conditions=k8s.io.apimachinery.pkg.apis.meta.v1.Condition*
k8s.io.api.core.v1.SessionAffinityConfig 1=clientIP=k8s.io.api.core.v1.ClientIPConfig
k8s.io.api.core.v1.SleepAction 1=seconds=int64
k8s.io.api.core.v1.StorageOSPersistentVolumeSource 1=volumeName=string 2=volumeNamespace=string 3=fsType=string 4=readOnly=bool 5=secretRef=k8s.io.api.core.v1.ObjectReference
k8s.io.api.core.v1.StorageOSVolumeSource 1=volumeName=string 2=volumeNamespace=string 3=fsType=string 4=readOnly=bool 5=secretRef=k8s.io.api.core.v1.LocalObjectReference
k8s.io.api.core.v1.Sysctl 1=name=string 2=value=string
k8s.io.api.core.v1.TCPSocketAction 1=port=k8s.io.apimachinery.pkg.util.intstr.IntOrString 2=host=string
k8s.io.api.core.v1.Taint 1=key=string 2=value=string 3=effect=string 4=timeAdded=k8s.io.apimachinery.pkg.apis.meta.v1.Time
k8s.io.api.core.v1.Toleration 1=key=string 2=operator=string 3=value=string 4=effect=string 5=tolerationSeconds=int64
k8s.io.api.core.v1.TopologySelectorLabelRequirement 1=key=string 2=values=string*
k8s.io.api.core.v1.TopologySelectorTerm 1=matchLabelExpressions=k8s.io.api.core.v1.TopologySelectorLabelRequirement*
k8s.io.api.core.v1.TopologySpreadConstraint 1=maxSkew=int32 2=topologyKey=string 3=whenUnsatisfiable=string 4=labelSelector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 5=minDomains=int32 6=nodeAffinityPolicy=string 7=nodeTaintsPolicy=string 8=matchLabelKeys=string*
k8s.io.api.core.v1.TypedLocalObjectReference 1=apiGroup=string 2=kind=string 3=name=string
k8s.io.api.core.v1.TypedObjectReference 1=apiGroup=string 2=kind=string 3=name=string 4=namespace=string
k8s.io.api.core.v1.Volume 1=name=string 2=volumeSource=k8s.io.api.core.v1.VolumeSource
k8s.io.api.core.v1.VolumeDevice 1=name=string 2=devicePath=string
k8s.io.api.core.v1.VolumeHealthCondition 1=status=string 2=reason=string 3=message=string
k8s.io.api.core.v1.VolumeHealthStatus 1=healthConditions=k8s.io.api.core.v1.VolumeHealthCondition* 2=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time
k8s.io.api.core.v1.VolumeMount 1=name=string 2=readOnly=bool 7=recursiveReadOnly=string 3=mountPath=string 4=subPath=string 5=mountPropagation=string 6=subPathExpr=string 8=bindMountOptions=string*
k8s.io.api.core.v1.VolumeMountStatus 1=name=string 2=mountPath=string 3=readOnly=bool 4=recursiveReadOnly=string 5=volumeStatus=k8s.io.api.core.v1.VolumeStatus
k8s.io.api.core.v1.VolumeNodeAffinity 1=required=k8s.io.api.core.v1.NodeSelector
k8s.io.api.core.v1.VolumeProjection 1=secret=k8s.io.api.core.v1.SecretProjection 2=downwardAPI=k8s.io.api.core.v1.DownwardAPIProjection 3=configMap=k8s.io.api.core.v1.ConfigMapProjection 4=serviceAccountToken=k8s.io.api.core.v1.ServiceAccountTokenProjection 5=clusterTrustBundle=k8s.io.api.core.v1.ClusterTrustBundleProjection 6=podCertificate=k8s.io.api.core.v1.PodCertificateProjection
k8s.io.api.core.v1.VolumeResourceRequirements 1=limits=map:k8s.io.apimachinery.pkg.api.resource.Quantity 2=requests=map:k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.core.v1.VolumeSource 1=hostPath=k8s.io.api.core.v1.HostPathVolumeSource 2=emptyDir=k8s.io.api.core.v1.EmptyDirVolumeSource 3=gcePersistentDisk=k8s.io.api.core.v1.GCEPersistentDiskVolumeSource 4=awsElasticBlockStore=k8s.io.api.core.v1.AWSElasticBlockStoreVolumeSource 5=gitRepo=k8s.io.api.core.v1.GitRepoVolumeSource 6=secret=k8s.io.api.core.v1.SecretVolumeSource 7=nfs=k8s.io.api.core.v1.NFSVolumeSource 8=iscsi=k8s.io.api.core.v1.ISCSIVolumeSource 9=glusterfs=k8s.io.api.core.v1.GlusterfsVolumeSource 10=persistentVolumeClaim=k8s.io.api.core.v1.PersistentVolumeClaimVolumeSource 11=rbd=k8s.io.api.core.v1.RBDVolumeSource 12=flexVolume=k8s.io.api.core.v1.FlexVolumeSource 13=cinder=k8s.io.api.core.v1.CinderVolumeSource 14=cephfs=k8s.io.api.core.v1.CephFSVolumeSource 15=flocker=k8s.io.api.core.v1.FlockerVolumeSource 16=downwardAPI=k8s.io.api.core.v1.DownwardAPIVolumeSource 17=fc=k8s.io.api.core.v1.FCVolumeSource 18=azureFile=k8s.io.api.core.v1.AzureFileVolumeSource 19=configMap=k8s.io.api.core.v1.ConfigMapVolumeSource 20=vsphereVolume=k8s.io.api.core.v1.VsphereVirtualDiskVolumeSource 21=quobyte=k8s.io.api.core.v1.QuobyteVolumeSource 22=azureDisk=k8s.io.api.core.v1.AzureDiskVolumeSource 23=photonPersistentDisk=k8s.io.api.core.v1.PhotonPersistentDiskVolumeSource 26=projected=k8s.io.api.core.v1.ProjectedVolumeSource 24=portworxVolume=k8s.io.api.core.v1.PortworxVolumeSource 25=scaleIO=k8s.io.api.core.v1.ScaleIOVolumeSource 27=storageos=k8s.io.api.core.v1.StorageOSVolumeSource 28=csi=k8s.io.api.core.v1.CSIVolumeSource 29=ephemeral=k8s.io.api.core.v1.EphemeralVolumeSource 30=image=k8s.io.api.core.v1.ImageVolumeSource
k8s.io.api.core.v1.VolumeStatus 1=image=k8s.io.api.core.v1.ImageVolumeStatus
k8s.io.api.core.v1.VsphereVirtualDiskVolumeSource 1=volumePath=string 2=fsType=string 3=storagePolicyName=string 4=storagePolicyID=string
k8s.io.api.core.v1.WeightedPodAffinityTerm 1=weight=int32 2=podAffinityTerm=k8s.io.api.core.v1.PodAffinityTerm
k8s.io.api.core.v1.WindowsSecurityContextOptions 1=gmsaCredentialSpecName=string 2=gmsaCredentialSpec=string 3=runAsUserName=string 4=hostProcess=bool
k8s.io.api.apps.v1.ControllerRevision 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=data=k8s.io.apimachinery.pkg.runtime.RawExtension 3=revision=int64
k8s.io.api.apps.v1.ControllerRevisionList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.apps.v1.ControllerRevision*
k8s.io.api.apps.v1.DaemonSet 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.apps.v1.DaemonSetSpec 3=status=k8s.io.api.apps.v1.DaemonSetStatus
k8s.io.api.apps.v1.DaemonSetCondition 1=type=string 2=status=string 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string
k8s.io.api.apps.v1.DaemonSetList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.apps.v1.DaemonSet*
k8s.io.api.apps.v1.DaemonSetSpec 1=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 2=template=k8s.io.api.core.v1.PodTemplateSpec 3=updateStrategy=k8s.io.api.apps.v1.DaemonSetUpdateStrategy 4=minReadySeconds=int32 6=revisionHistoryLimit=int32
k8s.io.api.apps.v1.DaemonSetStatus 1=currentNumberScheduled=int32 2=numberMisscheduled=int32 3=desiredNumberScheduled=int32 4=numberReady=int32 5=observedGeneration=int64 6=updatedNumberScheduled=int32 7=numberAvailable=int32 8=numberUnavailable=int32 9=collisionCount=int32 10=conditions=k8s.io.api.apps.v1.DaemonSetCondition*
k8s.io.api.apps.v1.DaemonSetUpdateStrategy 1=type=string 2=rollingUpdate=k8s.io.api.apps.v1.RollingUpdateDaemonSet
k8s.io.api.apps.v1.Deployment 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.apps.v1.DeploymentSpec 3=status=k8s.io.api.apps.v1.DeploymentStatus
k8s.io.api.apps.v1.DeploymentCondition 1=type=string 2=status=string 6=lastUpdateTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 7=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string
k8s.io.api.apps.v1.DeploymentList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.apps.v1.Deployment*
k8s.io.api.apps.v1.DeploymentSpec 1=replicas=int32 2=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 3=template=k8s.io.api.core.v1.PodTemplateSpec 4=strategy=k8s.io.api.apps.v1.DeploymentStrategy 5=minReadySeconds=int32 6=revisionHistoryLimit=int32 7=paused=bool 9=progressDeadlineSeconds=int32
k8s.io.api.apps.v1.DeploymentStatus 1=observedGeneration=int64 2=replicas=int32 3=updatedReplicas=int32 7=readyReplicas=int32 4=availableReplicas=int32 5=unavailableReplicas=int32 9=terminatingReplicas=int32 6=conditions=k8s.io.api.apps.v1.DeploymentCondition* 8=collisionCount=int32
k8s.io.api.apps.v1.DeploymentStrategy 1=type=string 2=rollingUpdate=k8s.io.api.apps.v1.RollingUpdateDeployment
k8s.io.api.apps.v1.ReplicaSet 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.apps.v1.ReplicaSetSpec 3=status=k8s.io.api.apps.v1.ReplicaSetStatus
k8s.io.api.apps.v1.ReplicaSetCondition 1=type=string 2=status=string 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string
k8s.io.api.apps.v1.ReplicaSetList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.apps.v1.ReplicaSet*
k8s.io.api.apps.v1.ReplicaSetSpec 1=replicas=int32 4=minReadySeconds=int32 2=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 3=template=k8s.io.api.core.v1.PodTemplateSpec
k8s.io.api.apps.v1.ReplicaSetStatus 1=replicas=int32 2=fullyLabeledReplicas=int32 4=readyReplicas=int32 5=availableReplicas=int32 7=terminatingReplicas=int32 3=observedGeneration=int64 6=conditions=k8s.io.api.apps.v1.ReplicaSetCondition*
k8s.io.api.apps.v1.RollingUpdateDaemonSet 1=maxUnavailable=k8s.io.apimachinery.pkg.util.intstr.IntOrString 2=maxSurge=k8s.io.apimachinery.pkg.util.intstr.IntOrString
k8s.io.api.apps.v1.RollingUpdateDeployment 1=maxUnavailable=k8s.io.apimachinery.pkg.util.intstr.IntOrString 2=maxSurge=k8s.io.apimachinery.pkg.util.intstr.IntOrString
k8s.io.api.apps.v1.RollingUpdateStatefulSetStrategy 1=partition=int32 2=maxUnavailable=k8s.io.apimachinery.pkg.util.intstr.IntOrString
k8s.io.api.apps.v1.StatefulSet 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.apps.v1.StatefulSetSpec 3=status=k8s.io.api.apps.v1.StatefulSetStatus
k8s.io.api.apps.v1.StatefulSetCondition 1=type=string 2=status=string 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string
k8s.io.api.apps.v1.StatefulSetList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.apps.v1.StatefulSet*
k8s.io.api.apps.v1.StatefulSetOrdinals 1=start=int32
k8s.io.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy 1=whenDeleted=string 2=whenScaled=string
k8s.io.api.apps.v1.StatefulSetSpec 1=replicas=int32 2=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 3=template=k8s.io.api.core.v1.PodTemplateSpec 4=volumeClaimTemplates=k8s.io.api.core.v1.PersistentVolumeClaim* 5=serviceName=string 6=podManagementPolicy=string 7=updateStrategy=k8s.io.api.apps.v1.StatefulSetUpdateStrategy 8=revisionHistoryLimit=int32 9=minReadySeconds=int32 10=persistentVolumeClaimRetentionPolicy=k8s.io.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy 11=ordinals=k8s.io.api.apps.v1.StatefulSetOrdinals
k8s.io.api.apps.v1.StatefulSetStatus 1=observedGeneration=int64 2=replicas=int32 3=readyReplicas=int32 4=currentReplicas=int32 5=updatedReplicas=int32 6=currentRevision=string 7=updateRevision=string 9=collisionCount=int32 10=conditions=k8s.io.api.apps.v1.StatefulSetCondition* 11=availableReplicas=int32
k8s.io.api.apps.v1.StatefulSetUpdateStrategy 1=type=string 2=rollingUpdate=k8s.io.api.apps.v1.RollingUpdateStatefulSetStrategy
k8s.io.api.autoscaling.v2.ContainerResourceMetricSource 1=name=string 2=target=k8s.io.api.autoscaling.v2.MetricTarget 3=container=string
k8s.io.api.autoscaling.v2.ContainerResourceMetricStatus 1=name=string 2=current=k8s.io.api.autoscaling.v2.MetricValueStatus 3=container=string
k8s.io.api.autoscaling.v2.CrossVersionObjectReference 1=kind=string 2=name=string 3=apiVersion=string
k8s.io.api.autoscaling.v2.ExternalMetricSource 1=metric=k8s.io.api.autoscaling.v2.MetricIdentifier 2=target=k8s.io.api.autoscaling.v2.MetricTarget
k8s.io.api.autoscaling.v2.ExternalMetricStatus 1=metric=k8s.io.api.autoscaling.v2.MetricIdentifier 2=current=k8s.io.api.autoscaling.v2.MetricValueStatus
k8s.io.api.autoscaling.v2.HPAScalingPolicy 1=type=string 2=value=int32 3=periodSeconds=int32
k8s.io.api.autoscaling.v2.HPAScalingRules 3=stabilizationWindowSeconds=int32 1=selectPolicy=string 2=policies=k8s.io.api.autoscaling.v2.HPAScalingPolicy* 4=tolerance=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerSpec 3=status=k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerStatus
k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerBehavior 1=scaleUp=k8s.io.api.autoscaling.v2.HPAScalingRules 2=scaleDown=k8s.io.api.autoscaling.v2.HPAScalingRules
k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerCondition 1=type=string 2=status=string 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string 6=observedGeneration=int64
k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler*
k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerSpec 1=scaleTargetRef=k8s.io.api.autoscaling.v2.CrossVersionObjectReference 2=minReplicas=int32 3=maxReplicas=int32 4=metrics=k8s.io.api.autoscaling.v2.MetricSpec* 5=behavior=k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerBehavior
k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerStatus 1=observedGeneration=int64 2=lastScaleTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 3=currentReplicas=int32 4=desiredReplicas=int32 5=currentMetrics=k8s.io.api.autoscaling.v2.MetricStatus* 6=conditions=k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerCondition*
k8s.io.api.autoscaling.v2.MetricIdentifier 1=name=string 2=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
k8s.io.api.autoscaling.v2.MetricSpec 1=type=string 2=object=k8s.io.api.autoscaling.v2.ObjectMetricSource 3=pods=k8s.io.api.autoscaling.v2.PodsMetricSource 4=resource=k8s.io.api.autoscaling.v2.ResourceMetricSource 7=containerResource=k8s.io.api.autoscaling.v2.ContainerResourceMetricSource 5=external=k8s.io.api.autoscaling.v2.ExternalMetricSource
k8s.io.api.autoscaling.v2.MetricStatus 1=type=string 2=object=k8s.io.api.autoscaling.v2.ObjectMetricStatus 3=pods=k8s.io.api.autoscaling.v2.PodsMetricStatus 4=resource=k8s.io.api.autoscaling.v2.ResourceMetricStatus 7=containerResource=k8s.io.api.autoscaling.v2.ContainerResourceMetricStatus 5=external=k8s.io.api.autoscaling.v2.ExternalMetricStatus
k8s.io.api.autoscaling.v2.MetricTarget 1=type=string 2=value=k8s.io.apimachinery.pkg.api.resource.Quantity 3=averageValue=k8s.io.apimachinery.pkg.api.resource.Quantity 4=averageUtilization=int32
k8s.io.api.autoscaling.v2.MetricValueStatus 1=value=k8s.io.apimachinery.pkg.api.resource.Quantity 2=averageValue=k8s.io.apimachinery.pkg.api.resource.Quantity 3=averageUtilization=int32
k8s.io.api.autoscaling.v2.ObjectMetricSource 1=describedObject=k8s.io.api.autoscaling.v2.CrossVersionObjectReference 2=target=k8s.io.api.autoscaling.v2.MetricTarget 3=metric=k8s.io.api.autoscaling.v2.MetricIdentifier
k8s.io.api.autoscaling.v2.ObjectMetricStatus 1=metric=k8s.io.api.autoscaling.v2.MetricIdentifier 2=current=k8s.io.api.autoscaling.v2.MetricValueStatus 3=describedObject=k8s.io.api.autoscaling.v2.CrossVersionObjectReference
k8s.io.api.autoscaling.v2.PodsMetricSource 1=metric=k8s.io.api.autoscaling.v2.MetricIdentifier 2=target=k8s.io.api.autoscaling.v2.MetricTarget
k8s.io.api.autoscaling.v2.PodsMetricStatus 1=metric=k8s.io.api.autoscaling.v2.MetricIdentifier 2=current=k8s.io.api.autoscaling.v2.MetricValueStatus
k8s.io.api.autoscaling.v2.ResourceMetricSource 1=name=string 2=target=k8s.io.api.autoscaling.v2.MetricTarget
k8s.io.api.autoscaling.v2.ResourceMetricStatus 1=name=string 2=current=k8s.io.api.autoscaling.v2.MetricValueStatus
k8s.io.api.autoscaling.v1.ContainerResourceMetricSource 1=name=string 2=targetAverageUtilization=int32 3=targetAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity 5=container=string
k8s.io.api.autoscaling.v1.ContainerResourceMetricStatus 1=name=string 2=currentAverageUtilization=int32 3=currentAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity 4=container=string
k8s.io.api.autoscaling.v1.CrossVersionObjectReference 1=kind=string 2=name=string 3=apiVersion=string
k8s.io.api.autoscaling.v1.ExternalMetricSource 1=metricName=string 2=metricSelector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 3=targetValue=k8s.io.apimachinery.pkg.api.resource.Quantity 4=targetAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v1.ExternalMetricStatus 1=metricName=string 2=metricSelector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 3=currentValue=k8s.io.apimachinery.pkg.api.resource.Quantity 4=currentAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v1.HorizontalPodAutoscaler 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerSpec 3=status=k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerStatus
k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerCondition 1=type=string 2=status=string 3=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 4=reason=string 5=message=string 6=observedGeneration=int64
k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.autoscaling.v1.HorizontalPodAutoscaler*
k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerSpec 1=scaleTargetRef=k8s.io.api.autoscaling.v1.CrossVersionObjectReference 2=minReplicas=int32 3=maxReplicas=int32 4=targetCPUUtilizationPercentage=int32
k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerStatus 1=observedGeneration=int64 2=lastScaleTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 3=currentReplicas=int32 4=desiredReplicas=int32 5=currentCPUUtilizationPercentage=int32
k8s.io.api.autoscaling.v1.MetricSpec 1=type=string 2=object=k8s.io.api.autoscaling.v1.ObjectMetricSource 3=pods=k8s.io.api.autoscaling.v1.PodsMetricSource 4=resource=k8s.io.api.autoscaling.v1.ResourceMetricSource 7=containerResource=k8s.io.api.autoscaling.v1.ContainerResourceMetricSource 5=external=k8s.io.api.autoscaling.v1.ExternalMetricSource
k8s.io.api.autoscaling.v1.MetricStatus 1=type=string 2=object=k8s.io.api.autoscaling.v1.ObjectMetricStatus 3=pods=k8s.io.api.autoscaling.v1.PodsMetricStatus 4=resource=k8s.io.api.autoscaling.v1.ResourceMetricStatus 7=containerResource=k8s.io.api.autoscaling.v1.ContainerResourceMetricStatus 5=external=k8s.io.api.autoscaling.v1.ExternalMetricStatus
k8s.io.api.autoscaling.v1.ObjectMetricSource 1=target=k8s.io.api.autoscaling.v1.CrossVersionObjectReference 2=metricName=string 3=targetValue=k8s.io.apimachinery.pkg.api.resource.Quantity 4=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 5=averageValue=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v1.ObjectMetricStatus 1=target=k8s.io.api.autoscaling.v1.CrossVersionObjectReference 2=metricName=string 3=currentValue=k8s.io.apimachinery.pkg.api.resource.Quantity 4=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 5=averageValue=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v1.PodsMetricSource 1=metricName=string 2=targetAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity 3=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
k8s.io.api.autoscaling.v1.PodsMetricStatus 1=metricName=string 2=currentAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity 3=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
k8s.io.api.autoscaling.v1.ResourceMetricSource 1=name=string 2=targetAverageUtilization=int32 3=targetAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v1.ResourceMetricStatus 1=name=string 2=currentAverageUtilization=int32 3=currentAverageValue=k8s.io.apimachinery.pkg.api.resource.Quantity
k8s.io.api.autoscaling.v1.Scale 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.autoscaling.v1.ScaleSpec 3=status=k8s.io.api.autoscaling.v1.ScaleStatus
k8s.io.api.autoscaling.v1.ScaleSpec 1=replicas=int32
k8s.io.api.autoscaling.v1.ScaleStatus 1=replicas=int32 2=selector=string
k8s.io.api.policy.v1.Eviction 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=deleteOptions=k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions
k8s.io.api.policy.v1.PodDisruptionBudget 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.policy.v1.PodDisruptionBudgetSpec 3=status=k8s.io.api.policy.v1.PodDisruptionBudgetStatus
k8s.io.api.policy.v1.PodDisruptionBudgetList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.policy.v1.PodDisruptionBudget*
k8s.io.api.policy.v1.PodDisruptionBudgetSpec 1=minAvailable=k8s.io.apimachinery.pkg.util.intstr.IntOrString 2=selector=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 3=maxUnavailable=k8s.io.apimachinery.pkg.util.intstr.IntOrString 4=unhealthyPodEvictionPolicy=string
k8s.io.api.policy.v1.PodDisruptionBudgetStatus 1=observedGeneration=int64 2=disruptedPods=map:k8s.io.apimachinery.pkg.apis.meta.v1.Time 3=disruptionsAllowed=int32 4=currentHealthy=int32 5=desiredHealthy=int32 6=expectedPods=int32 7=conditions=k8s.io.apimachinery.pkg.apis.meta.v1.Condition*
k8s.io.api.coordination.v1.Lease 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=spec=k8s.io.api.coordination.v1.LeaseSpec
k8s.io.api.coordination.v1.LeaseList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.coordination.v1.Lease*
k8s.io.api.coordination.v1.LeaseSpec 1=holderIdentity=string 2=leaseDurationSeconds=int32 3=acquireTime=k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime 4=renewTime=k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime 5=leaseTransitions=int32 6=strategy=string 7=preferredHolder=string
k8s.io.api.discovery.v1.Endpoint 1=addresses=string* 2=conditions=k8s.io.api.discovery.v1.EndpointConditions 3=hostname=string 4=targetRef=k8s.io.api.core.v1.ObjectReference 5=deprecatedTopology=map:string 6=nodeName=string 7=zone=string 8=hints=k8s.io.api.discovery.v1.EndpointHints
k8s.io.api.discovery.v1.EndpointConditions 1=ready=bool 2=serving=bool 3=terminating=bool
k8s.io.api.discovery.v1.EndpointHints 1=forZones=k8s.io.api.discovery.v1.ForZone* 2=forNodes=k8s.io.api.discovery.v1.ForNode*
k8s.io.api.discovery.v1.EndpointPort 1=name=string 2=protocol=string 3=port=int32 4=appProtocol=string
k8s.io.api.discovery.v1.EndpointSlice 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 4=addressType=string 2=endpoints=k8s.io.api.discovery.v1.Endpoint* 3=ports=k8s.io.api.discovery.v1.EndpointPort*
k8s.io.api.discovery.v1.EndpointSliceList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.discovery.v1.EndpointSlice*
k8s.io.api.discovery.v1.ForNode 1=name=string
k8s.io.api.discovery.v1.ForZone 1=name=string
k8s.io.api.events.v1.Event 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 2=eventTime=k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime 3=series=k8s.io.api.events.v1.EventSeries 4=reportingController=string 5=reportingInstance=string 6=action=string 7=reason=string 8=regarding=k8s.io.api.core.v1.ObjectReference 9=related=k8s.io.api.core.v1.ObjectReference 10=note=string 11=type=string 12=deprecatedSource=k8s.io.api.core.v1.EventSource 13=deprecatedFirstTimestamp=k8s.io.apimachinery.pkg.apis.meta.v1.Time 14=deprecatedLastTimestamp=k8s.io.apimachinery.pkg.apis.meta.v1.Time 15=deprecatedCount=int32
k8s.io.api.events.v1.EventList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.api.events.v1.Event*
k8s.io.api.events.v1.EventSeries 1=count=int32 2=lastObservedTime=k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime
k8s.io.apimachinery.pkg.apis.meta.v1.APIGroup 1=name=string 2=versions=k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery* 3=preferredVersion=k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery 4=serverAddressByClientCIDRs=k8s.io.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR*
k8s.io.apimachinery.pkg.apis.meta.v1.APIGroupList 1=groups=k8s.io.apimachinery.pkg.apis.meta.v1.APIGroup*
k8s.io.apimachinery.pkg.apis.meta.v1.APIResource 1=name=string 6=singularName=string 2=namespaced=bool 8=group=string 9=version=string 3=kind=string 4=verbs=k8s.io.apimachinery.pkg.apis.meta.v1.Verbs 5=shortNames=string* 7=categories=string* 10=storageVersionHash=string
k8s.io.apimachinery.pkg.apis.meta.v1.APIResourceList 1=groupVersion=string 2=resources=k8s.io.apimachinery.pkg.apis.meta.v1.APIResource*
k8s.io.apimachinery.pkg.apis.meta.v1.APIVersions 1=versions=string* 2=serverAddressByClientCIDRs=k8s.io.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR*
k8s.io.apimachinery.pkg.apis.meta.v1.ApplyOptions 1=dryRun=string* 2=force=bool 3=fieldManager=string
k8s.io.apimachinery.pkg.apis.meta.v1.Condition 1=type=string 2=status=string 3=observedGeneration=int64 4=lastTransitionTime=k8s.io.apimachinery.pkg.apis.meta.v1.Time 5=reason=string 6=message=string
k8s.io.apimachinery.pkg.apis.meta.v1.CreateOptions 1=dryRun=string* 3=fieldManager=string 4=fieldValidation=string
k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions 1=gracePeriodSeconds=int64 2=preconditions=k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions 3=orphanDependents=bool 4=propagationPolicy=string 5=dryRun=string* 6=ignoreStoreReadErrorWithClusterBreakingPotential=bool
k8s.io.apimachinery.pkg.apis.meta.v1.Duration 1=duration=int64
k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement 1=key=string 2=operator=string 3=values=string*
k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1 1=Raw=bytes
k8s.io.apimachinery.pkg.apis.meta.v1.GetOptions 1=resourceVersion=string
k8s.io.apimachinery.pkg.apis.meta.v1.GroupKind 1=group=string 2=kind=string
k8s.io.apimachinery.pkg.apis.meta.v1.GroupResource 1=group=string 2=resource=string
k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersion 1=group=string 2=version=string
k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery 1=groupVersion=string 2=version=string
k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionKind 1=group=string 2=version=string 3=kind=string
k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionResource 1=group=string 2=version=string 3=resource=string
k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector 1=matchLabels=map:string 2=matchExpressions=k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement*
k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement 1=key=string 2=operator=string 3=values=string*
k8s.io.apimachinery.pkg.apis.meta.v1.List 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.apimachinery.pkg.runtime.RawExtension*
k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 1=selfLink=string 2=resourceVersion=string 3=continue=string 4=remainingItemCount=int64 5=shardInfo=k8s.io.apimachinery.pkg.apis.meta.v1.ShardInfo
k8s.io.apimachinery.pkg.apis.meta.v1.ListOptions 1=labelSelector=string 2=fieldSelector=string 3=watch=bool 9=allowWatchBookmarks=bool 4=resourceVersion=string 10=resourceVersionMatch=string 5=timeoutSeconds=int64 7=limit=int64 8=continue=string 11=sendInitialEvents=bool 15=shardSelector=string
k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry 1=manager=string 2=operation=string 3=apiVersion=string 4=time=k8s.io.apimachinery.pkg.apis.meta.v1.Time 6=fieldsType=string 7=fieldsV1=k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1 8=subresource=string
k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime 1=seconds=int64 2=nanos=int32
k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta 1=name=string 2=generateName=string 3=namespace=string 4=selfLink=string 5=uid=string 6=resourceVersion=string 7=generation=int64 8=creationTimestamp=k8s.io.apimachinery.pkg.apis.meta.v1.Time 9=deletionTimestamp=k8s.io.apimachinery.pkg.apis.meta.v1.Time 10=deletionGracePeriodSeconds=int64 11=labels=map:string 12=annotations=map:string 13=ownerReferences=k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference* 14=finalizers=string* 17=managedFields=k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry*
k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference 5=apiVersion=string 1=kind=string 3=name=string 4=uid=string 6=controller=bool 7=blockOwnerDeletion=bool
k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadataList 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=items=k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata*
k8s.io.apimachinery.pkg.apis.meta.v1.Patch 
k8s.io.apimachinery.pkg.apis.meta.v1.PatchOptions 1=dryRun=string* 2=force=bool 3=fieldManager=string 4=fieldValidation=string
k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions 1=uid=string 2=resourceVersion=string
k8s.io.apimachinery.pkg.apis.meta.v1.RootPaths 1=paths=string*
k8s.io.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR 1=clientCIDR=string 2=serverAddress=string
k8s.io.apimachinery.pkg.apis.meta.v1.ShardInfo 1=selector=string
k8s.io.apimachinery.pkg.apis.meta.v1.Status 1=metadata=k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta 2=status=string 3=message=string 4=reason=string 5=details=k8s.io.apimachinery.pkg.apis.meta.v1.StatusDetails 6=code=int32
k8s.io.apimachinery.pkg.apis.meta.v1.StatusCause 1=reason=string 2=message=string 3=field=string
k8s.io.apimachinery.pkg.apis.meta.v1.StatusDetails 1=name=string 2=group=string 3=kind=string 6=uid=string 4=causes=k8s.io.apimachinery.pkg.apis.meta.v1.StatusCause* 5=retryAfterSeconds=int32
k8s.io.apimachinery.pkg.apis.meta.v1.TableOptions 1=includeObject=string
k8s.io.apimachinery.pkg.apis.meta.v1.Time 1=seconds=int64 2=nanos=int32
k8s.io.apimachinery.pkg.apis.meta.v1.Timestamp 1=seconds=int64 2=nanos=int32
k8s.io.apimachinery.pkg.apis.meta.v1.TypeMeta 1=kind=string 2=apiVersion=string
k8s.io.apimachinery.pkg.apis.meta.v1.UpdateOptions 1=dryRun=string* 2=fieldManager=string 3=fieldValidation=string
k8s.io.apimachinery.pkg.apis.meta.v1.Verbs 1=items=string*
k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent 1=type=string 2=object=k8s.io.apimachinery.pkg.runtime.RawExtension
k8s.io.apimachinery.pkg.util.intstr.IntOrString 1=type=int64 2=intVal=int32 3=strVal=string
k8s.io.apimachinery.pkg.api.resource.Quantity 1=string=string
k8s.io.apimachinery.pkg.api.resource.QuantityValue 1=string=string
k8s.io.apimachinery.pkg.runtime.RawExtension 1=raw=bytes
k8s.io.apimachinery.pkg.runtime.TypeMeta 1=apiVersion=string 2=kind=string
k8s.io.apimachinery.pkg.runtime.Unknown 1=typeMeta=k8s.io.apimachinery.pkg.runtime.TypeMeta 2=raw=bytes 3=contentEncoding=string 4=contentType=string
"""#
}
