// https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface OtsInstanceConfig extends cdktf.TerraformMetaArguments {
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#accessed_by OtsInstance#accessed_by}
  */
  readonly accessedBy?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#description OtsInstance#description}
  */
  readonly description?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#id OtsInstance#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#instance_type OtsInstance#instance_type}
  */
  readonly instanceType?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#name OtsInstance#name}
  */
  readonly name: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#network_source_acl OtsInstance#network_source_acl}
  */
  readonly networkSourceAcl?: string[];
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#network_type_acl OtsInstance#network_type_acl}
  */
  readonly networkTypeAcl?: string[];
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#resource_group_id OtsInstance#resource_group_id}
  */
  readonly resourceGroupId?: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#tags OtsInstance#tags}
  */
  readonly tags?: { [key: string]: string };
}

/**
* Represents a {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance alicloud_ots_instance}
*/
export class OtsInstance extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "alicloud_ots_instance";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a OtsInstance resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the OtsInstance to import
  * @param importFromId The id of the existing OtsInstance that should be imported. Refer to the {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the OtsInstance to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "alicloud_ots_instance", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/aliyun/alicloud/1.256.0/docs/resources/ots_instance alicloud_ots_instance} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options OtsInstanceConfig
  */
  public constructor(scope: Construct, id: string, config: OtsInstanceConfig) {
    super(scope, id, {
      terraformResourceType: 'alicloud_ots_instance',
      terraformGeneratorMetadata: {
        providerName: 'alicloud',
        providerVersion: '1.256.0',
        providerVersionConstraint: '1.256.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._accessedBy = config.accessedBy;
    this._description = config.description;
    this._id = config.id;
    this._instanceType = config.instanceType;
    this._name = config.name;
    this._networkSourceAcl = config.networkSourceAcl;
    this._networkTypeAcl = config.networkTypeAcl;
    this._resourceGroupId = config.resourceGroupId;
    this._tags = config.tags;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // accessed_by - computed: true, optional: true, required: false
  private _accessedBy?: string; 
  public get accessedBy() {
    return this.getStringAttribute('accessed_by');
  }
  public set accessedBy(value: string) {
    this._accessedBy = value;
  }
  public resetAccessedBy() {
    this._accessedBy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get accessedByInput() {
    return this._accessedBy;
  }

  // description - computed: false, optional: true, required: false
  private _description?: string; 
  public get description() {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this._description = value;
  }
  public resetDescription() {
    this._description = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get descriptionInput() {
    return this._description;
  }

  // id - computed: true, optional: true, required: false
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  public resetId() {
    this._id = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
  }

  // instance_type - computed: false, optional: true, required: false
  private _instanceType?: string; 
  public get instanceType() {
    return this.getStringAttribute('instance_type');
  }
  public set instanceType(value: string) {
    this._instanceType = value;
  }
  public resetInstanceType() {
    this._instanceType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get instanceTypeInput() {
    return this._instanceType;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // network_source_acl - computed: true, optional: true, required: false
  private _networkSourceAcl?: string[]; 
  public get networkSourceAcl() {
    return cdktf.Fn.tolist(this.getListAttribute('network_source_acl'));
  }
  public set networkSourceAcl(value: string[]) {
    this._networkSourceAcl = value;
  }
  public resetNetworkSourceAcl() {
    this._networkSourceAcl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get networkSourceAclInput() {
    return this._networkSourceAcl;
  }

  // network_type_acl - computed: true, optional: true, required: false
  private _networkTypeAcl?: string[]; 
  public get networkTypeAcl() {
    return cdktf.Fn.tolist(this.getListAttribute('network_type_acl'));
  }
  public set networkTypeAcl(value: string[]) {
    this._networkTypeAcl = value;
  }
  public resetNetworkTypeAcl() {
    this._networkTypeAcl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get networkTypeAclInput() {
    return this._networkTypeAcl;
  }

  // resource_group_id - computed: true, optional: true, required: false
  private _resourceGroupId?: string; 
  public get resourceGroupId() {
    return this.getStringAttribute('resource_group_id');
  }
  public set resourceGroupId(value: string) {
    this._resourceGroupId = value;
  }
  public resetResourceGroupId() {
    this._resourceGroupId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get resourceGroupIdInput() {
    return this._resourceGroupId;
  }

  // tags - computed: false, optional: true, required: false
  private _tags?: { [key: string]: string }; 
  public get tags() {
    return this.getStringMapAttribute('tags');
  }
  public set tags(value: { [key: string]: string }) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      accessed_by: cdktf.stringToTerraform(this._accessedBy),
      description: cdktf.stringToTerraform(this._description),
      id: cdktf.stringToTerraform(this._id),
      instance_type: cdktf.stringToTerraform(this._instanceType),
      name: cdktf.stringToTerraform(this._name),
      network_source_acl: cdktf.listMapper(cdktf.stringToTerraform, false)(this._networkSourceAcl),
      network_type_acl: cdktf.listMapper(cdktf.stringToTerraform, false)(this._networkTypeAcl),
      resource_group_id: cdktf.stringToTerraform(this._resourceGroupId),
      tags: cdktf.hashMapper(cdktf.stringToTerraform)(this._tags),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      accessed_by: {
        value: cdktf.stringToHclTerraform(this._accessedBy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      description: {
        value: cdktf.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      instance_type: {
        value: cdktf.stringToHclTerraform(this._instanceType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      network_source_acl: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._networkSourceAcl),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      network_type_acl: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._networkTypeAcl),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      resource_group_id: {
        value: cdktf.stringToHclTerraform(this._resourceGroupId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tags: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._tags),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
